-- Production roles for City137 on Postgres. Run once as a superuser, then
-- run migrations as city137_owner and the API as app_user.
--
--   psql -v owner_password="'…'" -v app_password="'…'" -f infra/postgres/roles.sql
--
CREATE ROLE city137_owner LOGIN CREATEROLE PASSWORD :owner_password;
CREATE DATABASE city137 OWNER city137_owner;
\connect city137
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO city137_owner;

-- The runtime role. The migrations also create it NOLOGIN when missing;
-- here it gets a password to log in with. Never SUPERUSER or BYPASSRLS:
-- the API refuses to start if it is.
DO $$ BEGIN
  CREATE ROLE app_user LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
ALTER ROLE app_user LOGIN PASSWORD :app_password;
