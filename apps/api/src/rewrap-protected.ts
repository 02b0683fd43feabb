import { keyringFromConfig, rewrapProtectedReports } from "@city137/api";
import { createDatabase } from "@city137/db";
import { readEnv } from "./env";

/**
 * Key rotation of the protected channel (docs/decisions/017): with the new KEK
 * first in PROTECTED_REPORT_KEYS and the old ones after it, re-wraps every
 * report's data key under the new one. Then the old versions can be removed.
 */
try {
  const env = readEnv();
  const ring = keyringFromConfig(env.PROTECTED_REPORT_KEYS);
  if (ring.dev) throw new Error("PROTECTED_REPORT_KEYS is not set: nothing to rotate to.");
  const db = await createDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.PGLITE_DIR, applicationName: "city137-rewrap" });
  try {
    const n = await rewrapProtectedReports(db, ring);
    console.log(`${n} protected report(s) re-wrapped under key version ${ring.current}.`);
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
