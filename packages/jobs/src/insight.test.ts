import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleDays, withTenant } from "@city137/db";
import { refreshInsightCity } from "./insight";
import { addRequest, seededDb } from "./test-fixtures";

let t: Awaited<ReturnType<typeof seededDb>>;
beforeAll(async () => {
  t = await seededDb();
});
afterAll(() => t?.close());

const all = { fromDay: 0, toDay: 100_000 };
const stale = (tenantId: string) => withTenant(t.db, tenantId, (tx) => staleDays(tx, { tenantId, ...all }));
const rollupRows = async (tenantId: string) => (await t.owner.query<{ n: number }>("select count(*)::int as n from insight_daily where tenant_id = $1", [tenantId]))[0]!.n;

describe("dashboard rollup refresh", () => {
  it("recomputes one city's stale days and clears only that city's marks", async () => {
    await addRequest(t.db, t.tehran, { deadline: null });
    await addRequest(t.db, t.shiraz, { deadline: null });
    expect((await stale(t.tehran)).length).toBeGreaterThan(0);
    expect((await stale(t.shiraz)).length).toBeGreaterThan(0);

    const done = await refreshInsightCity(t.db, { tenantId: t.tehran });
    expect(done.days).toBeGreaterThan(0);
    expect(await stale(t.tehran)).toEqual([]);
    expect(await rollupRows(t.tehran)).toBeGreaterThan(0);
    // Shiraz is untouched: its marks wait for its own job
    expect((await stale(t.shiraz)).length).toBeGreaterThan(0);
    expect(await rollupRows(t.shiraz)).toBe(0);

    expect(await refreshInsightCity(t.db, { tenantId: t.tehran })).toEqual({ days: 0 }); // nothing left to do
    expect(await refreshInsightCity(t.db, { tenantId: "tehran" })).toEqual({ days: 0 }); // not a city id
  });
});
