import { listAllTenantIds, listStaleWrappedKeys, setWrappedKey, withoutTenant, withTenant, type Database } from "@city137/db";
import { rewrapDataKey, type ProtectedKeyring } from "./keys";

/**
 * Key rotation (docs/decisions/017): re-wraps every report's data key that is
 * not under the current KEK, city by city, each city in one transaction. The
 * ciphertexts are not touched. Afterwards the old KEK versions can be removed
 * from PROTECTED_REPORT_KEYS. Returns how many reports were re-wrapped.
 */
export async function rewrapProtectedReports(db: Database, ring: ProtectedKeyring): Promise<number> {
  let n = 0;
  for (const { id: tenantId } of await withoutTenant(db, (tx) => listAllTenantIds(tx))) {
    n += await withTenant(db, tenantId, async (tx) => {
      const stale = await listStaleWrappedKeys(tx, { tenantId, current: ring.current });
      for (const row of stale) {
        const { wrapped, version } = rewrapDataKey(ring, row);
        await setWrappedKey(tx, { tenantId, id: row.id, keyVersion: version, wrappedKey: wrapped });
      }
      return stale.length;
    });
  }
  return n;
}
