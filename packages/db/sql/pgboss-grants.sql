-- The job queue (pg-boss, schema pgboss), applied after pg-boss's schema and
-- queues are installed by the owner; idempotent. See docs/decisions/006.
-- The runtime role reads and writes queue rows and nothing else: no CREATE
-- on the schema, no ownership, no EXECUTE on pg-boss's DDL functions
-- (create_queue / delete_queue build partition tables).
REVOKE ALL ON SCHEMA pgboss FROM PUBLIC;
GRANT USAGE ON SCHEMA pgboss TO app_user;
REVOKE ALL ON ALL TABLES IN SCHEMA pgboss FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO app_user;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pgboss FROM PUBLIC;
