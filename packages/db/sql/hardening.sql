-- Applied after every migration run; idempotent. See docs/decisions/002.

-- 1. Every table with a tenant_id column: RLS enabled AND forced, one policy
--    for all commands with USING and WITH CHECK. nullif: after a
--    transaction-local setting ends, current_setting returns '' (not NULL).
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON public.%I', t.relname);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON public.%I AS PERMISSIVE FOR ALL TO public '
      'USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
      'WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
      t.relname);
    EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC', t.relname);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO app_user', t.relname);
  END LOOP;
END $$;

-- 2. The audit log and message timelines are append-only for the runtime.
REVOKE UPDATE, DELETE ON public.audit_log FROM app_user;
REVOKE UPDATE, DELETE ON public.request_events FROM app_user;

-- 3. Cross-tenant reads for platform staff: an explicit, read-only list.
--    Writes into a tenant still need withTenant().
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['areas', 'units', 'staff'] LOOP
    EXECUTE format('DROP POLICY IF EXISTS platform_read ON public.%I', t);
    EXECUTE format('CREATE POLICY platform_read ON public.%I AS PERMISSIVE FOR SELECT TO app_platform USING (true)', t);
    EXECUTE format('GRANT SELECT ON public.%I TO app_platform', t);
  END LOOP;
END $$;

-- 4. Registry and platform tables (no tenant_id).
GRANT USAGE ON SCHEMA public TO app_user, app_platform;
REVOKE ALL ON public.tenants, public.platform_users, public.platform_sessions, public.platform_audit_log FROM PUBLIC;

-- The registry of cities is public (a portal finds its city by slug), but a
-- city may change only its own row, and only its branding columns; slug and
-- status belong to platform staff.
ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.tenants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenants_read ON public.tenants;
CREATE POLICY tenants_read ON public.tenants AS PERMISSIVE FOR SELECT TO public USING (true);
DROP POLICY IF EXISTS tenants_self_update ON public.tenants;
CREATE POLICY tenants_self_update ON public.tenants AS PERMISSIVE FOR UPDATE TO app_user
  USING (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.tenant_id', true), '')::uuid);
DROP POLICY IF EXISTS tenants_platform ON public.tenants;
CREATE POLICY tenants_platform ON public.tenants AS PERMISSIVE FOR ALL TO app_platform USING (true) WITH CHECK (true);
GRANT SELECT ON public.tenants TO app_user;
GRANT UPDATE (name_fa, name_en, primary_color, secondary_color, logo_svg, short_number, default_locale,
  custom_host, sms_sender, map_tile_url, map_center_lat, map_center_lon, map_zoom) ON public.tenants TO app_user;
GRANT SELECT, INSERT, UPDATE ON public.tenants TO app_platform;
GRANT SELECT, INSERT, UPDATE ON public.platform_users TO app_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.platform_sessions TO app_platform;
GRANT SELECT, INSERT ON public.platform_audit_log TO app_platform;
