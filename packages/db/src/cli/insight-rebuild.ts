import { createDatabase } from "../client";
import { listActiveTenants, rebuildInsightCity } from "../queries";
import { withoutTenant, withTenant } from "../tenant";
import { cliDatabaseOptions } from "./env";

/**
 * Rebuilds the dashboards' daily rollup from the messages (docs/decisions/016):
 *   npx -y pnpm@9.15.9 --filter @city137/db insight:rebuild [--city tehran]
 * Every active city, or one; each city in one transaction under its own tenant.
 * The refresh job keeps the rollup current afterwards; this is for a new
 * database, a restored backup or a changed figure definition.
 */
const argv = process.argv.slice(2);
const only = argv.includes("--city") ? argv[argv.indexOf("--city") + 1] : undefined;
const db = await createDatabase(cliDatabaseOptions());
try {
  const cities = (await withoutTenant(db, (tx) => listActiveTenants(tx))).filter((c) => !only || c.slug === only);
  if (only && !cities.length) throw new Error(`No active city "${only}".`);
  for (const c of cities) {
    const t0 = performance.now();
    await withTenant(db, c.id, (tx) => rebuildInsightCity(tx, { tenantId: c.id }));
    console.log(`${c.slug}: rollup rebuilt in ${Math.round(performance.now() - t0)} ms`);
  }
} finally {
  await db.close();
}
