import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIMENSIONS, GRANULARITIES, MESSAGE_GROUPS, hoursBucket, requestScope, type RequestScope } from "@city137/core";
import { listFigureMessages, refreshInsight, rolledFigureTotal, schema, staleDays, withTenant } from "@city137/db";
import { bumpDistrictOnTime, bumpRollupTotal, bumpSpanVolume, insertRandomMessages, resolveOneRegistered } from "@city137/db/testing";
import { createTestApi, type TestApi } from "../../test-utils";
import { dashboard } from "./dashboard";
import { insightMap } from "./map";

const { insightDailyHours, requests } = schema;

/*
 * The rollup's figures against the messages': random messages, every outcome
 * a figure counts, then every dashboard figure read through the rollup and
 * straight from the messages must be equal (ADR 016).
 */
let api: TestApi;
let tehranId: string;
const NOW = new Date("2026-10-20T12:00:00+03:30");
const RANGE = { from: "2026-09-01", to: "2026-10-10" };
const manager = requestScope({ roles: ["manager"], unitIds: [] });
const inspector = requestScope({ roles: ["inspector"], unitIds: [] });

/** Ranges that read span rows (ADR 032): whole weeks (RANGE), exactly Mehr 1405, and a year of whole months reaching back past the older window. */
const MEHR = { from: "2026-09-23", to: "2026-10-22" };
const YEAR = { from: "2025-08-23", to: "2026-10-10" };

const read = (scope: RequestScope, input: { dimension: (typeof DIMENSIONS)[number]; granularity: (typeof GRANULARITIES)[number] }, rollup: boolean, range: { from: string; to: string } = RANGE) =>
  withTenant(api.db, tehranId, (tx) => dashboard(tx, { tenantId: tehranId, scope, now: NOW, input: { ...range, ...input }, rollup }));

/** Every dimension and granularity, for a city-wide viewer and an inspector: rollup and raw must agree (and for the longer ranges, every dimension by week and month). */
async function expectSameFigures() {
  let compared = 0;
  for (const scope of [manager, inspector]) {
    for (const dimension of DIMENSIONS) {
      for (const granularity of GRANULARITIES) {
        const [viaRollup, viaMessages] = [await read(scope, { dimension, granularity }, true), await read(scope, { dimension, granularity }, false)];
        expect(viaRollup, `${dimension} by ${granularity}`).toEqual(viaMessages);
        compared++;
      }
      for (const range of [MEHR, YEAR])
        for (const granularity of ["week", "month"] as const) {
          const [viaRollup, viaMessages] = [await read(scope, { dimension, granularity }, true, range), await read(scope, { dimension, granularity }, false, range)];
          expect(viaRollup, `${dimension} by ${granularity}, ${range.from}…${range.to}`).toEqual(viaMessages);
        }
    }
  }
  return compared;
}

/** Every drill-down total the rollup can give equals the count of the listed messages, for every group, several slices and both scopes. */
async function expectSameTotals() {
  let compared = 0;
  const d = await read(manager, { dimension: "unit", granularity: "month" }, true);
  const slices = [undefined, { dimension: "unit" as const, key: d.totals[0]!.key }, { dimension: "kind" as const, key: "corruption_report" }, { dimension: "shift" as const, key: "night" }, { dimension: "channel" as const, key: "phone" }];
  for (const scope of [manager, inspector])
    for (const slice of slices)
      for (const group of MESSAGE_GROUPS) {
        const p = { tenantId: tehranId, scope, fromDay: 20697, toDay: 20737, group, slice, now: NOW };
        const rolled = await withTenant(api.db, tehranId, (tx) => rolledFigureTotal(tx, p));
        if (rolled === null) continue;
        const listed = await withTenant(api.db, tehranId, (tx) =>
          listFigureMessages(tx, { ...p, from: new Date("2026-09-01T00:00:00+03:30"), to: new Date("2026-10-11T00:00:00+03:30"), targetHours: 72, limit: 1, offset: 0 }),
        );
        expect(rolled, `${group} ${slice?.dimension}=${slice?.key}`).toBe(listed.total);
        compared++;
      }
  return compared;
}

/** The map's districts (ADR 026) and heatmap (ADR 027) through the rollups and from the messages, both scopes, two clocks (deadlines ahead or past), all categories and one. */
async function expectSameMap() {
  let compared = 0;
  const located = await withTenant(api.db, tehranId, (tx) => tx.select({ categoryId: requests.categoryId, lat: requests.lat }).from(requests));
  const categoryId = located.find((r) => r.lat !== null)!.categoryId;
  for (const scope of [manager, inspector])
    for (const now of [NOW, new Date("2026-09-15T12:00:00+03:30")])
      for (const input of [RANGE, { ...RANGE, categoryId }] as Array<{ from: string; to: string; categoryId?: string }>) {
        const at = (rollup: boolean) => withTenant(api.db, tehranId, (tx) => insightMap(tx, { tenantId: tehranId, scope, now, input, rollup }));
        const [viaRollup, viaMessages] = [await at(true), await at(false)];
        expect(viaRollup, now.toISOString()).toEqual(viaMessages);
        expect(viaRollup.districts.reduce((a, d) => a + d.due - d.onTime, 0)).toBeGreaterThan(0);
        expect(viaRollup.heat.length).toBeGreaterThan(input.categoryId ? 3 : 100);
        compared++;
        // Ranges read through month and week span rows (ADR 032).
        for (const range of [MEHR, YEAR]) {
          const over = (rollup: boolean) => withTenant(api.db, tehranId, (tx) => insightMap(tx, { tenantId: tehranId, scope, now, input: { ...input, ...range }, rollup }));
          expect(await over(true), `${range.from}…${range.to}`).toEqual(await over(false));
        }
      }
  return compared;
}

beforeAll(async () => {
  api = await createTestApi();
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
  // 400 messages: nine in ten over the 41 days from 1 Sep 2026 (the range and the day after), one in ten a year before
  const windows = [...Array.from({ length: 9 }, () => new Date("2026-09-01T00:00:00+03:30")), new Date("2025-09-01T00:00:00+03:30")];
  await insertRandomMessages(api.db, { tenantId: tehranId, count: 400, seed: 137, windows, days: 40, place: { lat: 35.7, lon: 51.4 } });
}, 120_000);
afterAll(() => api?.close());

describe("the dashboards' daily rollup", () => {
  it("gives every dashboard figure exactly as the messages do, for every breakdown, granularity and scope", async () => {
    const days = await withTenant(api.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    expect(days.length).toBeGreaterThan(40); // the writes above marked their days; the refresh rebuilt them
    const inRange = { tenantId: tehranId, fromDay: 20697, toDay: 20737 };
    expect(await withTenant(api.db, tehranId, (tx) => staleDays(tx, inRange))).toEqual([]); // so the rollup, not the messages, answers
    expect(await expectSameFigures()).toBe(2 * DIMENSIONS.length * GRANULARITIES.length);
    expect(await expectSameTotals()).toBe(2 * 5 * 10); // every group but resolved_in_target and scored
    expect(await expectSameMap()).toBe(8);
    const d = await read(manager, { dimension: "channel", granularity: "month" }, true);
    // The fixture is rich enough for every figure to be non-trivial.
    expect(d.total).toBeGreaterThan(250);
    for (const k of ["open", "resolved", "due", "onTime", "late", "reopened", "duplicate", "forwarded", "rated"] as const) expect(d.service.counts[k], k).toBeGreaterThan(0);
    expect(d.lastYear.total).toBeGreaterThan(20);
    expect(d.corruptionReports).toBeGreaterThan(0);
  });

  it("percentiles are the hours buckets of the messages' own times (percentile_disc)", async () => {
    const rows = (await withTenant(api.db, tehranId, (tx) => tx.select().from(requests))).filter((r) => r.tenantId === tehranId);
    const from = new Date("2026-09-01T00:00:00+03:30"), to = new Date("2026-10-11T00:00:00+03:30");
    const hours = rows
      .filter((r) => r.createdAt >= from && r.createdAt < to && r.kind !== "corruption_report" && r.resolvedAt)
      .map((r) => hoursBucket((r.resolvedAt!.getTime() - r.createdAt.getTime()) / 1000))
      .sort((a, b) => a - b);
    const d = await read(manager, { dimension: "none", granularity: "month" }, true);
    expect(d.service.resolutionHours).toEqual({ p50: hours[Math.ceil(0.5 * hours.length) - 1], p90: hours[Math.ceil(0.9 * hours.length) - 1] });
  });

  it("counts the open backlog by age as the messages do at any instant, each edge day read from the messages", async () => {
    // Instants inside and after the range: every age bucket, edges falling on days with messages, and hours that are not midnight.
    const instants = ["2026-09-02T03:10:00+03:30", "2026-09-10T23:59:00+03:30", "2026-10-05T12:00:00+03:30", "2026-10-20T12:00:00+03:30", "2026-12-01T00:00:00+03:30"].map((x) => new Date(x));
    const seen = new Set<string>();
    for (const now of instants)
      for (const scope of [manager, inspector]) {
        const at = (rollup: boolean) => withTenant(api.db, tehranId, (tx) => dashboard(tx, { tenantId: tehranId, scope, now, input: { ...RANGE, dimension: "none", granularity: "month" }, rollup }));
        const [viaRollup, viaMessages] = [await at(true), await at(false)];
        expect(viaRollup.backlog, now.toISOString()).toEqual(viaMessages.backlog);
        for (const b of viaRollup.backlog) if (b.count > 0) seen.add(b.key);
      }
    expect([...seen].sort()).toEqual(["d1to3", "d3to7", "d7to30", "gt30d", "lt1d"]);
  });

  it("notices a rollup that is off by one (the comparison reads the rollup)", async () => {
    const bump = (by: number) => bumpRollupTotal(api.db, { tenantId: tehranId, day: 20710, by });
    await bump(1);
    const [viaRollup, viaMessages] = [await read(manager, { dimension: "none", granularity: "day" }, true), await read(manager, { dimension: "none", granularity: "day" }, false)];
    expect(viaRollup.total).toBe(viaMessages.total + 1);
    await bump(-1);
    // The map's districts read the rollup too: one district's "on time" off by one shows.
    const bumpDistrict = (by: number) => bumpDistrictOnTime(api.db, { tenantId: tehranId, day: 20710, by });
    const key = await bumpDistrict(1);
    const onTime = async (rollup: boolean) => (await withTenant(api.db, tehranId, (tx) => insightMap(tx, { tenantId: tehranId, scope: manager, now: NOW, input: RANGE, rollup }))).districts.find((d) => d.districtId === key)!.onTime;
    expect(await onTime(true)).toBe((await onTime(false)) + 1);
    await bumpDistrict(-1);
    expect(await onTime(true)).toBe(await onTime(false));
    // The span rows (ADR 032): one key of the week holding day 20710 off by one shows in the chart by week and in the totals, not by day.
    const bumpWeek = (by: number) => bumpSpanVolume(api.db, { tenantId: tehranId, day: 20710, kind: "week", dimension: "unit", by });
    const unit = await bumpWeek(1);
    const unitTotal = async (granularity: "day" | "week", rollup: boolean) => (await read(manager, { dimension: "unit", granularity }, rollup)).totals.find((x) => x.key === unit)?.count ?? 0;
    expect(await unitTotal("week", true)).toBe((await unitTotal("week", false)) + 1);
    expect(await unitTotal("day", true)).toBe(await unitTotal("day", false));
    await bumpWeek(-1);
    // A month's span row: Mehr by month reads it.
    const bumpMonth = (by: number) => bumpSpanVolume(api.db, { tenantId: tehranId, day: 20720, kind: "month", dimension: "none", by });
    await bumpMonth(1);
    const mehrTotal = async (rollup: boolean) => (await read(manager, { dimension: "none", granularity: "month" }, rollup, MEHR)).total;
    expect(await mehrTotal(true)).toBe((await mehrTotal(false)) + 1);
    await bumpMonth(-1);
    expect(await mehrTotal(true)).toBe(await mehrTotal(false));
    const hist = await withTenant(api.db, tehranId, (tx) => tx.select().from(insightDailyHours));
    expect(hist.length).toBeGreaterThan(0);
  });

  it("stays exact while a changed day waits for the refresh job, and after it", async () => {
    await resolveOneRegistered(api.db, { tenantId: tehranId, from: new Date("2026-09-05T00:00:00+03:30"), to: new Date("2026-10-05T00:00:00+03:30"), at: new Date("2026-10-06T10:00:00+03:30") });
    const inRange = { tenantId: tehranId, fromDay: 20697, toDay: 20737 };
    expect(await withTenant(api.db, tehranId, (tx) => staleDays(tx, inRange))).toHaveLength(1);
    await expectSameFigures();
    await expectSameTotals();
    await expectSameMap();
    await withTenant(api.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    expect(await withTenant(api.db, tehranId, (tx) => staleDays(tx, inRange))).toEqual([]);
    await expectSameFigures();
    await expectSameTotals();
    await expectSameMap();
  });
});
