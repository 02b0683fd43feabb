import type { Database } from "../client";

/** Tables of schema public that carry a tenant_id column. */
export async function tenantTables(db: Database): Promise<string[]> {
  const rows = await db.query<{ relname: string }>(`
    select c.relname from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r','p') order by c.relname`);
  return rows.map((r) => r.relname);
}

/**
 * Everything the isolation rules require of the catalogue, as a list of
 * sentences naming what is wrong. Empty means the rules hold.
 */
export async function catalogueProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  for (const table of await tenantTables(db)) {
    const [rls] = await db.query<{ enabled: boolean; forced: boolean }>(
      `select relrowsecurity as enabled, relforcerowsecurity as forced from pg_class where oid = $1::regclass`,
      [`public.${table}`],
    );
    if (!rls?.enabled) problems.push(`${table}: row-level security is not enabled`);
    if (!rls?.forced) problems.push(`${table}: row-level security is not forced`);
    const policies = await db.query<{ cmd: string; qual: string | null; check: string | null; roles: string }>(
      `select polcmd::text as cmd, pg_get_expr(polqual, polrelid) as qual,
              pg_get_expr(polwithcheck, polrelid) as check, polroles::regrole[]::text as roles
       from pg_policy where polrelid = $1::regclass and polpermissive`,
      [`public.${table}`],
    );
    const isTenantExpr = (e: string | null) =>
      !!e && /tenant_id = \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid/.test(e);
    const tenantPolicies = policies.filter((p) => isTenantExpr(p.qual));
    for (const cmd of ["r", "a", "w", "d"]) {
      const covering = tenantPolicies.filter((p) => p.cmd === "*" || p.cmd === cmd);
      if (covering.length === 0) problems.push(`${table}: no tenant policy for command ${cmd}`);
      if ((cmd === "a" || cmd === "w") && covering.some((p) => !isTenantExpr(p.check))) {
        problems.push(`${table}: tenant policy for command ${cmd} lacks WITH CHECK on tenant_id`);
      }
    }
    // Any other permissive policy must be a read-only one for app_platform.
    for (const p of policies.filter((p) => !isTenantExpr(p.qual))) {
      if (p.cmd !== "r" || p.roles !== "{app_platform}") {
        problems.push(`${table}: unexpected permissive policy (${p.cmd} to ${p.roles})`);
      }
    }
    problems.push(...(await keyProblems(db, table)));
  }
  problems.push(...(await roleProblems(db)));
  return problems;
}

async function keyProblems(db: Database, table: string): Promise<string[]> {
  const constraints = await db.query<{ name: string; type: string; first: string; cols: string[] }>(
    `select conname as name, contype::text as type,
       (select attname from pg_attribute where attrelid = conrelid and attnum = conkey[1]) as first,
       array(select attname::text from pg_attribute where attrelid = conrelid and attnum = any(conkey)) as cols
     from pg_constraint where conrelid = $1::regclass and contype in ('p','u','f')`,
    [`public.${table}`],
  );
  const out: string[] = [];
  const pk = constraints.find((c) => c.type === "p");
  if (!pk || pk.first !== "tenant_id") out.push(`${table}: primary key does not start with tenant_id`);
  for (const c of constraints.filter((c) => c.type !== "p")) {
    if (!c.cols.includes("tenant_id")) out.push(`${table}: constraint ${c.name} does not include tenant_id`);
  }
  const uniqueIndexes = await db.query<{ name: string; def: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as def from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = $1::regclass and x.indisunique and not x.indisprimary`,
    [`public.${table}`],
  );
  for (const u of uniqueIndexes) {
    if (!/\(tenant_id[,)]/.test(u.def)) out.push(`${table}: unique index ${u.name} does not lead with tenant_id`);
  }
  return out;
}

async function roleProblems(db: Database): Promise<string[]> {
  const out: string[] = [];
  for (const role of ["app_user", "app_platform"]) {
    const [r] = await db.query<{ super: boolean; bypass: boolean; owns: number; escalates: boolean }>(
      `select rolsuper as super, rolbypassrls as bypass,
         (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and pg_has_role($1, c.relowner, 'MEMBER')) as owns,
         exists (select 1 from pg_roles x where (x.rolsuper or x.rolbypassrls) and pg_has_role($1, x.oid, 'MEMBER')) as escalates
       from pg_roles where rolname = $1`,
      [role],
    );
    if (!r) out.push(`${role}: role missing`);
    else {
      if (r.super) out.push(`${role}: is a superuser`);
      if (r.bypass) out.push(`${role}: has BYPASSRLS`);
      if (r.owns > 0) out.push(`${role}: owns ${r.owns} relations`);
      if (r.escalates) out.push(`${role}: can become a superuser or BYPASSRLS role`);
    }
  }
  const views = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('v','m') and n.nspname = 'public'
       and not coalesce(c.reloptions @> array['security_invoker=true'], false)`,
  );
  for (const v of views) out.push(`view ${v.name} lacks security_invoker`);
  const definers = await db.query<{ name: string }>(
    `select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')`,
  );
  for (const d of definers.filter((d) => !SECURITY_DEFINER_ALLOW_LIST.includes(d.name))) {
    out.push(`function ${d.name} is SECURITY DEFINER and not on the allow-list`);
  }
  return out;
}

/** SECURITY DEFINER functions reviewed and allowed. Keep it short. */
export const SECURITY_DEFINER_ALLOW_LIST: string[] = [];
