import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverRange, requestScope, type RequestScope } from "@city137/core";
import { insightDailyCells, insightSpanCells, requests, tenants } from "../schema";
import { withoutTenant, withTenant } from "../tenant";
import { bumpHeatCell, createTestDb, insertRandomMessages, type TestDb } from "../testing";
import { dayStart } from "./insight";
import { heatCells, rolledHeatCells } from "./insight-map";
import { rebuildInsightCity, refreshInsight, staleDays } from "./insight-rollup";

/*
 * The map's heatmap through its rollup (ADR 027) against the same cells counted from the
 * messages: seeded random messages around Tehran (and Shiraz, for isolation), some on a cell's
 * edge, some without a location, a tenth a year earlier; several ranges, every category and
 * none, manager and inspector (corruption reports), before and after stale days, and controls.
 */
let t: TestDb;
let tehranId: string;
let shirazId: string;
let categoryIds: string[];
const TEHRAN = { lat: 35.7, lon: 51.4 };
const SHIRAZ = { lat: 29.6, lon: 52.5 };
// 1 Sep … 10 Oct 2026; 23 Sep … 22 Oct; a year reaching back past the older window; one day
const RANGES = [
  { fromDay: 20697, toDay: 20737 },
  { fromDay: 20719, toDay: 20749 },
  { fromDay: 20697 - 365, toDay: 20737 + 5 },
  { fromDay: 20700, toDay: 20701 },
];
const manager = requestScope({ roles: ["manager"], unitIds: [] });
const inspector = requestScope({ roles: ["inspector"], unitIds: [] });
const ALL = { fromDay: 0, toDay: 100_000 };

type Read = { range: { fromDay: number; toDay: number }; scope: RequestScope; categoryId?: string };
const viaRollup = (tenantId: string, r: Read, as = tenantId) => withTenant(t.db, as, (tx) => rolledHeatCells(tx, { tenantId, scope: r.scope, ...r.range, categoryId: r.categoryId }));
const viaMessages = (tenantId: string, r: Read) =>
  withTenant(t.db, tenantId, (tx) => heatCells(tx, { tenantId, scope: r.scope, from: dayStart(r.range.fromDay), to: dayStart(r.range.toDay), categoryId: r.categoryId }));
const total = (cells: Array<{ count: number }>) => cells.reduce((a, c) => a + c.count, 0);

/** The query heatCells ran before ADR 027, verbatim (cell 0.01°), its cells sorted as the new read sorts them. */
async function before027(r: Read) {
  const cell = 0.01;
  const gy = sql`floor(${requests.lat} / ${cell}::float8)`;
  const gx = sql`floor(${requests.lon} / ${cell}::float8)`;
  const rows = await withTenant(t.db, tehranId, (tx) =>
    tx
      .select({
        lat: sql<number>`((${gy} + 0.5) * ${cell}::float8)::float8`,
        lon: sql<number>`((${gx} + 0.5) * ${cell}::float8)::float8`,
        count: sql<number>`count(*)::int`,
      })
      .from(requests)
      .where(
        and(
          eq(requests.tenantId, tehranId),
          r.scope.corruption ? undefined : sql`${requests.kind} <> 'corruption_report'`,
          sql`${requests.createdAt} >= ${dayStart(r.range.fromDay).toISOString()}::timestamptz and ${requests.createdAt} < ${dayStart(r.range.toDay).toISOString()}::timestamptz`,
          r.categoryId ? eq(requests.categoryId, r.categoryId) : undefined,
          sql`${requests.lat} is not null and ${requests.lon} is not null`,
        ),
      )
      .groupBy(sql`1`, sql`2`),
  );
  return rows.map((c) => ({ lat: Number(c.lat), lon: Number(c.lon), count: Number(c.count) })).sort((a, b) => a.lat - b.lat || a.lon - b.lon);
}

/** Every range × category (and none) × scope: rollup and messages agree; returns how many reads were compared. */
async function expectSameHeat() {
  let compared = 0;
  let cells = 0;
  for (const range of RANGES)
    for (const categoryId of [undefined, ...categoryIds])
      for (const scope of [manager, inspector]) {
        const r = { range, scope, categoryId };
        const raw = await viaMessages(tehranId, r);
        expect(await viaRollup(tehranId, r), `${range.fromDay}…${range.toDay} ${categoryId ?? "all"} ${scope.corruption ? "inspector" : "manager"}`).toEqual(raw);
        cells += raw.length;
        compared++;
      }
  expect(cells).toBeGreaterThan(500); // the fixture spreads over many cells
  return compared;
}

beforeAll(async () => {
  t = await createTestDb();
  const cities = await withoutTenant(t.db, (tx) => tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants));
  tehranId = cities.find((c) => c.slug === "tehran")!.id;
  shirazId = cities.find((c) => c.slug === "shiraz")!.id;
  const windows = [...Array.from({ length: 9 }, () => new Date("2026-09-01T00:00:00+03:30")), new Date("2025-09-01T00:00:00+03:30")];
  await insertRandomMessages(t.db, { tenantId: tehranId, count: 400, seed: 27, windows, days: 40, place: TEHRAN });
  await insertRandomMessages(t.db, { tenantId: shirazId, count: 120, seed: 28, windows, days: 40, place: SHIRAZ });
  categoryIds = (await withTenant(t.db, tehranId, (tx) => tx.selectDistinct({ id: requests.categoryId }).from(requests).where(eq(requests.tenantId, tehranId)))).map((c) => c.id);
  expect(categoryIds.length).toBeGreaterThan(3);
  // The refresh job's path for Tehran, the rebuild command's for Shiraz.
  await withTenant(t.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
  await withTenant(t.db, shirazId, (tx) => rebuildInsightCity(tx, { tenantId: shirazId }));
}, 120_000);
afterAll(() => t?.close());

describe("the map's heatmap rollup", () => {
  it("gives every range, category and scope exactly the cells of the messages", async () => {
    expect(await withTenant(t.db, tehranId, (tx) => staleDays(tx, { tenantId: tehranId, ...ALL }))).toEqual([]); // so the rollup answers
    for (const range of RANGES.slice(0, 3))
      for (const scope of [manager, inspector]) expect(await viaMessages(tehranId, { range, scope }), "the raw read is the query it replaced").toEqual(await before027({ range, scope }));
    expect(await expectSameHeat()).toBe(RANGES.length * (categoryIds.length + 1) * 2);
    // The ranges read span rows: a whole Jalali month (Mehr 1405), weeks, and a year of months (ADR 032).
    expect(coverRange(RANGES[1]!).spans).toEqual([{ kind: "month", start: 20719, end: 20749 }]);
    expect(coverRange(RANGES[0]!).spans.length).toBeGreaterThan(3);
    expect(coverRange(RANGES[2]!).spans.filter((x) => x.kind === "month").length).toBeGreaterThanOrEqual(11);
    const spanRows = await withTenant(t.db, tehranId, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(insightSpanCells).where(eq(insightSpanCells.tenantId, tehranId)));
    expect(spanRows[0]!.n).toBeGreaterThan(100);
    const year = { range: RANGES[2]!, scope: inspector };
    // Non-trivial: located messages, some without a location, corruption reports among them, cells on the edge.
    const [counts] = await withTenant(t.db, tehranId, (tx) =>
      tx
        .select({ located: sql<number>`count(*) filter (where lat is not null)::int`, unlocated: sql<number>`count(*) filter (where lat is null)::int`, corruption: sql<number>`count(*) filter (where lat is not null and kind = 'corruption_report')::int` })
        .from(requests)
        .where(eq(requests.tenantId, tehranId)),
    );
    expect(counts!.unlocated).toBeGreaterThan(10);
    expect(counts!.corruption).toBeGreaterThan(5);
    expect(total(await viaRollup(tehranId, year))).toBe(counts!.located);
    expect(total(await viaRollup(tehranId, { ...year, scope: manager }))).toBe(counts!.located - counts!.corruption);
  });

  it("notices a rollup cell off by one in a day row or a span row, and reads a stale day from the messages", async () => {
    const r = { range: RANGES[0]!, scope: manager }; // 20710 lies in a whole week of this range: read from the week's span row
    const day = { range: { fromDay: 20710, toDay: 20711 }, scope: manager }; // read from the day row
    const atCell = (cell: { cellY: number; cellX: number }) => (cells: Array<{ lat: number; lon: number; count: number }>) =>
      cells.find((c) => c.lat === (cell.cellY + 0.5) * 0.01 && c.lon === (cell.cellX + 0.5) * 0.01)?.count ?? 0;
    const offBy = async (read: Read, at: (cells: Array<{ lat: number; lon: number; count: number }>) => number) => at(await viaRollup(tehranId, read)) - at(await viaMessages(tehranId, read));
    // Only the span rows holding the day bumped: the week's range shows it, the day's does not.
    let at = atCell(await bumpHeatCell(t.db, { tenantId: tehranId, day: 20710, by: 1, rows: "spans" }));
    expect(await offBy(r, at)).toBe(1);
    expect(await offBy(day, at)).toBe(0);
    await bumpHeatCell(t.db, { tenantId: tehranId, day: 20710, by: -1, rows: "spans" });
    // Only the day row: the other way round.
    at = atCell(await bumpHeatCell(t.db, { tenantId: tehranId, day: 20710, by: 1, rows: "day" }));
    expect(await offBy(day, at)).toBe(1);
    expect(await offBy(r, at)).toBe(0);
    await bumpHeatCell(t.db, { tenantId: tehranId, day: 20710, by: 1, rows: "spans" });
    expect(await offBy(r, at)).toBe(1);
    // A write that day marks it stale: the day is read from the messages and its spans are not read, so the bumped rows no longer count.
    await withTenant(t.db, tehranId, (tx) => tx.execute(sql`insert into insight_dirty_days (tenant_id, day) values (${tehranId}, 20710)`));
    expect(await viaRollup(tehranId, r)).toEqual(await viaMessages(tehranId, r));
    expect(await viaRollup(tehranId, day)).toEqual(await viaMessages(tehranId, day));
    // The refresh rewrites the day and every span holding it.
    await withTenant(t.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    expect(await offBy(r, at)).toBe(0);
    expect(await expectSameHeat()).toBeGreaterThan(0);
  });

  it("stays exact while moved, recategorised, new and deleted messages wait for the refresh job, and after it", async () => {
    await withTenant(t.db, tehranId, async (tx) => {
      const located = await tx
        .select({ id: requests.id })
        .from(requests)
        .where(and(eq(requests.tenantId, tehranId), sql`${requests.lat} is not null`, sql`${requests.createdAt} >= '2026-09-05T00:00:00+03:30' and ${requests.createdAt} < '2026-10-05T00:00:00+03:30'`))
        .orderBy(requests.seq)
        .limit(3);
      const [moved, recategorised, unlocated] = located.map((m) => m.id);
      // A located message without timeline or feedback rows can be deleted outright.
      const [lone] = await tx
        .select({ id: requests.id })
        .from(requests)
        .where(
          and(
            eq(requests.tenantId, tehranId),
            sql`${requests.lat} is not null and ${requests.createdAt} >= '2026-09-05T00:00:00+03:30'`,
            sql`not exists (select 1 from request_events e where e.tenant_id = ${requests.tenantId} and e.request_id = ${requests.id})`,
            sql`not exists (select 1 from request_feedback f where f.tenant_id = ${requests.tenantId} and f.request_id = ${requests.id})`,
          ),
        )
        .orderBy(requests.seq)
        .limit(1);
      const deleted = lone!.id;
      const one = (id: string | undefined) => and(eq(requests.tenantId, tehranId), eq(requests.id, id!));
      await tx.update(requests).set({ lat: 35.5555, lon: 51.1111 }).where(one(moved));
      const [own] = await tx.select({ categoryId: requests.categoryId }).from(requests).where(one(recategorised));
      await tx.update(requests).set({ categoryId: categoryIds.find((c) => c !== own!.categoryId)! }).where(one(recategorised));
      await tx.update(requests).set({ lat: null, lon: null }).where(one(unlocated));
      // Deleting a message needs its dependants gone: a fresh one, with a location, on a day of its own.
      const [mx] = await tx.select({ seq: sql<number>`max(${requests.seq})::int` }).from(requests).where(eq(requests.tenantId, tehranId));
      const [base] = await tx.select({ kind: requests.kind, categoryId: requests.categoryId, channel: requests.channel }).from(requests).where(one(deleted));
      const copy = (n: number, createdAt: string, lat: number) => ({ tenantId: tehranId, seq: n, trackingCode: `MAP-${n}`, ...base!, description: "پیام", searchText: "پیام", priority: "normal" as const, status: "registered" as const, createdAt: new Date(createdAt), lat, lon: lat + 15.7 });
      const seq = mx!.seq + 1;
      await tx.insert(requests).values(copy(seq, "2026-09-20T10:00:00+03:30", 35.71));
      await tx.insert(requests).values(copy(seq + 1, "2026-09-21T10:00:00+03:30", 35.72));
      await tx.delete(requests).where(one(deleted));
    });
    expect((await withTenant(t.db, tehranId, (tx) => staleDays(tx, { tenantId: tehranId, ...RANGES[0]! }))).length).toBeGreaterThan(2);
    expect(await expectSameHeat()).toBeGreaterThan(0);
    await withTenant(t.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    expect(await withTenant(t.db, tehranId, (tx) => staleDays(tx, { tenantId: tehranId, ...ALL }))).toEqual([]);
    expect(await expectSameHeat()).toBeGreaterThan(0);
  });

  it("keeps cities apart: one city's cells never in another's, under RLS and by tenant", async () => {
    const year = { range: RANGES[2]!, scope: inspector };
    const tehran = await viaRollup(tehranId, year);
    const shiraz = await viaRollup(shirazId, year);
    // Positive control: each city has its own cells, around its own centre, as its messages have.
    expect(total(shiraz)).toBeGreaterThan(50);
    expect(shiraz).toEqual(await viaMessages(shirazId, year));
    expect(shiraz.every((c) => Math.abs(c.lat - SHIRAZ.lat) < 0.2 && Math.abs(c.lon - SHIRAZ.lon) < 0.2)).toBe(true);
    expect(tehran.every((c) => Math.abs(c.lat - TEHRAN.lat) < 0.2 && Math.abs(c.lon - TEHRAN.lon) < 0.25)).toBe(true);
    // Read inside Shiraz's transaction, Tehran's rows do not exist (RLS), even when asked for by id; inside Tehran's, they do.
    expect(await viaRollup(tehranId, year, shirazId)).toEqual([]);
    expect(total(await viaRollup(tehranId, year, tehranId))).toBeGreaterThan(200);
    const seen = await withTenant(t.db, shirazId, (tx) => tx.selectDistinct({ tenantId: insightDailyCells.tenantId }).from(insightDailyCells));
    expect(seen).toEqual([{ tenantId: shirazId }]);
    const [owner] = await t.owner.query<{ n: number }>("select count(distinct tenant_id)::int as n from insight_daily_cells");
    expect(owner!.n).toBe(2);
    // The same for the span rows (ADR 032).
    expect(await withTenant(t.db, shirazId, (tx) => tx.selectDistinct({ tenantId: insightSpanCells.tenantId }).from(insightSpanCells))).toEqual([{ tenantId: shirazId }]);
    const [spanOwner] = await t.owner.query<{ n: number }>("select count(distinct tenant_id)::int as n from insight_span_cells");
    expect(spanOwner!.n).toBe(2); // the owner (below RLS) sees both cities' rows: the filter above is RLS, not an empty table
  });
});
