import { sql } from "drizzle-orm";
import { notFound } from "@city137/core";
import type { Database, Tx } from "./client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The only door to a city's data. One transaction, running as app_user with
 * app.tenant_id set transaction-locally (parameterised), so row-level
 * security limits every statement to this city. On PGlite the session user
 * is a superuser, hence the role switch; on Postgres it is a no-op.
 */
export interface TenantOptions {
  /**
   * Only for transactions made of key lookups and inserts (sign-in checks,
   * registering a message): Postgres may reuse a generic plan of a prepared
   * statement instead of planning it again for every execution, as the
   * connections otherwise force (docs/decisions/019, 024). Never for lists,
   * searches or dashboards, whose best plan depends on the values.
   */
  cachedPlans?: boolean;
}

export function withTenant<T>(db: Database, tenantId: string, fn: (tx: Tx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  // A malformed id can belong to no city: answer as for another city's id.
  if (!isUuid(tenantId)) return Promise.reject(notFound());
  const settings = options.cachedPlans ? TENANT_SETTINGS_CACHED_PLANS : TENANT_SETTINGS;
  return db.orm.transaction(async (tx) => {
    if (db.kind === "pglite") {
      await clientOf<PgliteClient>(tx).query(settings, [tenantId]);
      return fn(tx);
    }
    // Pipelined (docs/decisions/034): the settings are handed to the connection now, before fn
    // has issued anything, so they run first and fn's first statements travel in the same round
    // trip behind them. Were they to fail, so would everything after them (no tenant: no rows).
    const setting = clientOf<PostgresJsClient>(tx).unsafe(settings, [tenantId]).execute();
    const [, out] = await Promise.all([setting, fn(tx)]);
    return out;
  });
}

const TENANT_SETTINGS = "select set_config('role', 'app_user', true), set_config('app.tenant_id', $1, true)";
const TENANT_SETTINGS_CACHED_PLANS = `${TENANT_SETTINGS}, set_config('plan_cache_mode', 'auto', true)`;

/** postgres.js's transaction: `unsafe(...).execute()` hands the statement to the connection after one microtask, which no statement issued later can overtake. */
interface PostgresJsClient {
  unsafe(text: string, params: unknown[]): { execute(): Promise<unknown> };
}
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<unknown>;
}

/** The driver's transaction under drizzle's. */
function clientOf<C>(tx: Tx): C {
  return (tx as unknown as { session: { client: C } }).session.client;
}

/**
 * No city at all: the registry of cities is readable, every tenant table
 * answers with nothing. Used to resolve a public URL to its city.
 */
export function withoutTenant<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', '', true)`);
    return fn(tx);
  });
}

/**
 * Cross-tenant work for platform staff and schedulers: the app_platform role,
 * which reads an explicit list of tenant tables and writes only platform
 * tables (sql/hardening.sql). Callers record what they change in the
 * platform audit log.
 */
export function withPlatform<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'app_platform', true), set_config('app.tenant_id', '', true)`,
    );
    return fn(tx);
  });
}

/**
 * Provisioning a city, in one transaction: `create` runs as app_platform and
 * adds the city to the registry; `fill` then runs as that city (app_user with
 * app.tenant_id set) and gives it its configuration. Either all of it is
 * committed or none: a failure anywhere leaves no half-made city.
 */
export function withNewTenant<T>(
  db: Database,
  create: (tx: Tx) => Promise<string>,
  fill: (tx: Tx, tenantId: string) => Promise<T>,
): Promise<{ tenantId: string; result: T }> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'app_platform', true), set_config('app.tenant_id', '', true)`);
    const tenantId = await create(tx);
    await tx.execute(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${tenantId}, true)`);
    const result = await fill(tx, tenantId);
    return { tenantId, result };
  });
}

/**
 * The statements issued so far are the transaction's last: on Postgres its COMMIT goes out now,
 * right behind them, instead of after their answers (one round trip less, docs/decisions/034).
 * If one of them fails, Postgres rolls back and the transaction fails with that error. After
 * this, fn may only await what it issued: a new statement is refused, and nothing else in fn
 * may throw, as the commit may already be done. On PGlite the commit comes at the end as usual.
 */
export function commitBehind(tx: Tx): void {
  clientOf<{ commitNow?: () => void }>(tx).commitNow?.();
}
