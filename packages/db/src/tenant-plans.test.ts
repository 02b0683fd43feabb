import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "./tenant";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
});
afterAll(() => t?.close());

const TENANT = "00000000-0000-4000-8000-000000000137";
const mode = (options?: { cachedPlans?: boolean }) =>
  withTenant(
    t.db,
    TENANT,
    async (tx) => {
      // postgres.js answers rows, PGlite an object holding them
      const out = (await tx.execute(sql`select current_setting('plan_cache_mode') as mode`)) as unknown as { mode: string }[] | { rows: { mode: string }[] };
      return (Array.isArray(out) ? out : out.rows)[0]!.mode;
    },
    options,
  );

describe("plan reuse only where asked (docs/decisions/024)", () => {
  it("a key-lookup transaction may reuse plans; the setting ends with it and other transactions keep the connection's", async () => {
    const before = await mode();
    if (t.db.kind === "postgres") expect(before).toBe("force_custom_plan");
    expect(await mode({ cachedPlans: true })).toBe("auto");
    // transaction-local: the next transaction on the same pool is back to the connection's setting
    expect(await mode()).toBe(before);
  });
});
