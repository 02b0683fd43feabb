import { listTenantsOverview, withPlatform } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrackingNumbers } from "./tracking-numbers";

let t: TestDb;
let tehran: string;
let shiraz: string;

beforeAll(async () => {
  t = await createTestDb();
  const cities = await withPlatform(t.db, (tx) => listTenantsOverview(tx));
  tehran = cities.find((c) => c.slug === "tehran")!.id;
  shiraz = cities.find((c) => c.slug === "shiraz")!.id;
});
afterAll(() => t?.close());

const counter = async (tenantId: string) =>
  Number((await t.owner.query<{ value: number }>(`select value from tenant_counters where tenant_id = $1 and name = 'tracking'`, [tenantId]))[0]?.value ?? 0);

describe("tracking numbers in blocks (docs/decisions/022)", () => {
  it("two processes taking numbers at once in one city never hand out the same number", async () => {
    const before = await counter(tehran);
    const a = new TrackingNumbers(t.db, 4);
    const b = new TrackingNumbers(t.db, 4);
    const taken = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).next(tehran)));
    expect(new Set(taken).size).toBe(30);
    expect(Math.min(...taken)).toBeGreaterThan(before);
    // 15 each from blocks of 4: four blocks each, the last one partly used
    expect(await counter(tehran)).toBe(before + 32);
    expect(Math.max(...taken)).toBeLessThanOrEqual(before + 32);
  });

  it("hands a block out in order and reserves the next only when it is used up", async () => {
    const numbers = new TrackingNumbers(t.db, 3);
    const before = await counter(shiraz);
    expect([await numbers.next(shiraz), await numbers.next(shiraz), await numbers.next(shiraz)]).toEqual([before + 1, before + 2, before + 3]);
    expect(await counter(shiraz)).toBe(before + 3);
    expect(await numbers.next(shiraz)).toBe(before + 4);
    expect(await counter(shiraz)).toBe(before + 6);
  });

  it("keeps each city's counter to itself", async () => {
    const numbers = new TrackingNumbers(t.db, 5);
    const [tehranBefore, shirazBefore] = [await counter(tehran), await counter(shiraz)];
    await numbers.next(tehran);
    expect(await counter(tehran)).toBe(tehranBefore + 5);
    expect(await counter(shiraz)).toBe(shirazBefore);
  });
});
