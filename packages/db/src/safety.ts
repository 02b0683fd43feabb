import type { Database } from "./client";

interface RoleCheck {
  session_user: string;
  session_privileged: boolean;
  privileged_runtime: boolean;
  runtime_owns: boolean;
}

/**
 * Refuses to run when row-level security could be bypassed: the runtime
 * roles must not be (or be able to become) superuser or BYPASSRLS, and must
 * own nothing (owners skip RLS unless forced). On Postgres the connecting
 * user must be such a role too. PGlite's only user is a superuser, so there
 * every transaction switches role instead (see withTenant).
 */
export async function assertRuntimeRoleSafe(db: Database): Promise<void> {
  const [row] = await db.query<RoleCheck>(`
    select session_user::text as session_user,
      (select rolsuper or rolbypassrls from pg_roles where rolname = session_user) as session_privileged,
      exists (select 1 from pg_roles r, unnest(array['app_user','app_platform']) rt(name)
              where (r.rolsuper or r.rolbypassrls) and pg_has_role(rt.name, r.oid, 'MEMBER')) as privileged_runtime,
      exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace,
              unnest(array['app_user','app_platform']) rt(name)
              where n.nspname = 'public' and pg_has_role(rt.name, c.relowner, 'MEMBER')) as runtime_owns`);
  if (!row) throw new Error("Could not read the database roles.");
  if (row.privileged_runtime) {
    throw new Error("Refusing to start: app_user or app_platform can become a superuser or bypass row-level security.");
  }
  if (row.runtime_owns) {
    throw new Error("Refusing to start: app_user or app_platform owns tables in schema public; run migrations as the owner role.");
  }
  if (db.kind === "postgres" && row.session_privileged) {
    throw new Error(
      `Refusing to start: DATABASE_URL connects as "${row.session_user}", which is a superuser or can bypass row-level security. Connect as app_user (see README, "Running on Postgres").`,
    );
  }
}
