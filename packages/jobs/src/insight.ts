import { isUuid, refreshCitizens, refreshInsight, withTenant, type Database } from "@city137/db";

/**
 * One city's dashboard rollup refresh (docs/decisions/016): recomputes the
 * days whose messages changed since the last refresh, inside withTenant, and
 * the engaged citizens' rollup for the days marked for it (docs/decisions/026).
 * Running it twice, or on two workers at once, gives the same rows: a
 * second run finds no marks, and the marks one run deleted are rebuilt in
 * that run's transaction.
 */
export async function refreshInsightCity(db: Database, p: { tenantId: string }) {
  if (!isUuid(p.tenantId)) return { days: 0 };
  const days = await withTenant(db, p.tenantId, async (tx) => {
    const dashboards = await refreshInsight(tx, { tenantId: p.tenantId });
    const citizens = await refreshCitizens(tx, { tenantId: p.tenantId });
    return new Set([...dashboards, ...citizens]);
  });
  return { days: days.size };
}
