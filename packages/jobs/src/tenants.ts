import { isUuid, listActiveTenants, withoutTenant, type Database } from "@city137/db";

/** The active cities, from the public registry (no tenant data is read). */
export async function activeTenantIds(db: Database): Promise<string[]> {
  return (await withoutTenant(db, (tx) => listActiveTenants(tx))).map((t) => t.id);
}

/**
 * The city a job is for, or null: a payload without a well-formed tenantId,
 * or naming a city that does not exist or is not active, gets nothing done.
 */
export async function jobTenant(db: Database, data: unknown): Promise<string | null> {
  const tenantId = data && typeof data === "object" ? (data as { tenantId?: unknown }).tenantId : undefined;
  if (typeof tenantId !== "string" || !isUuid(tenantId)) return null;
  return (await activeTenantIds(db)).includes(tenantId) ? tenantId : null;
}
