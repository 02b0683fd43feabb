import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rank, DEFAULT_FORMULA } from "@city137/core";
import { insertScoringFormula, rankingFacts, refreshInsight, schema, withTenant, type ScoreLevel } from "@city137/db";
import { bumpScoreOnTime, insertRandomMessages, resolveOneRegistered, scoreRowsLacking } from "@city137/db/testing";
import { createTestApi, type TestApi } from "../../test-utils";

const { staff } = schema;

/*
 * Rankings read through the daily rollup (ADR 025) against the same ranking
 * read from the messages (scoreFacts): random messages with every outcome,
 * units and regions, several periods, clocks and target hours, stale days and
 * a target hours saved after the rollup was written.
 */
let api: TestApi;
let tehranId: string;
const NOW = new Date("2026-10-20T12:00:00+03:30");
const EARLY = new Date("2026-09-15T12:00:00+03:30"); // many deadlines still ahead
// 1 Sep … 10 Oct 2026; the 1st of Mehr 1405 (23 Sep) … ; a year reaching back past the older window
const PERIODS = [
  { fromDay: 20697, toDay: 20737 },
  { fromDay: 20719, toDay: 20749 },
  { fromDay: 20697 - 365, toDay: 20737 + 5 },
];

const facts = (by: ScoreLevel, period: { fromDay: number; toDay: number }, now: Date, targetHours: number, rollup: boolean) =>
  withTenant(api.db, tehranId, (tx) => rankingFacts(tx, { tenantId: tehranId, by, ...period, now, targetHours, rollup })).then((rows) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));

async function expectSameRankings(targets: number[]) {
  let compared = 0;
  for (const by of ["unit", "region"] as const)
    for (const period of PERIODS)
      for (const now of [NOW, EARLY])
        for (const targetHours of targets) {
          const [viaRollup, viaMessages] = [await facts(by, period, now, targetHours, true), await facts(by, period, now, targetHours, false)];
          expect(viaRollup, `${by} ${period.fromDay}… now ${now.toISOString()} target ${targetHours}`).toEqual(viaMessages);
          const formula = { ...DEFAULT_FORMULA, targetHours, minVolume: 3 };
          expect(rank(viaRollup, formula)).toEqual(rank(viaMessages, formula));
          compared++;
        }
  return compared;
}

const lackingTarget = (targetHours: number) => scoreRowsLacking(api.db, { tenantId: tehranId, targetHours });

beforeAll(async () => {
  api = await createTestApi();
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
  const windows = [...Array.from({ length: 9 }, () => new Date("2026-09-01T00:00:00+03:30")), new Date("2025-09-01T00:00:00+03:30")];
  await insertRandomMessages(api.db, { tenantId: tehranId, count: 400, seed: 7, windows, days: 40 });
  await withTenant(api.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
}, 120_000);
afterAll(() => api?.close());

describe("rankings through the daily rollup", () => {
  it("give every unit's and region's facts exactly as the messages do", async () => {
    expect(await lackingTarget(72)).toBe(0); // so the rollup, not the messages, answers for the default target
    expect(await expectSameRankings([72, 1, 48])).toBe(2 * PERIODS.length * 2 * 3);
    // The fixture is rich enough for every count to be non-trivial.
    const all = await facts("unit", PERIODS[0]!, NOW, 72, true);
    for (const k of ["volume", "due", "onTime", "resolved", "resolvedInTarget", "reopened", "ratings", "ratingSum"] as const) expect(all.reduce((a, f) => a + f[k], 0), k).toBeGreaterThan(0);
    expect(all.some((f) => f.volume === 0)).toBe(true); // a unit with only duplicates, forwarded or rejected messages is still listed
  });

  it("notices a score row that is off by one (the comparison reads the rollup)", async () => {
    const bump = (by: number) => bumpScoreOnTime(api.db, { tenantId: tehranId, fromDay: 20697, by });
    await bump(1);
    const sum = async (rollup: boolean) => (await facts("unit", PERIODS[0]!, NOW, 72, rollup)).reduce((a, f) => a + f.onTime, 0);
    expect(await sum(true)).toBe((await sum(false)) + 1);
    await bump(-1);
    expect(await sum(true)).toBe(await sum(false));
  });

  it("reads a target hours the rows were written without from the messages until the refresh adds it", async () => {
    const [admin] = await withTenant(api.db, tehranId, (tx) => tx.select({ id: staff.id }).from(staff).limit(1));
    await withTenant(api.db, tehranId, (tx) => insertScoringFormula(tx, { tenantId: tehranId, createdBy: admin!.id, formula: { weights: DEFAULT_FORMULA.weights, minVolume: 3, targetHours: 100 }, note: null }));
    expect(await lackingTarget(100)).toBeGreaterThan(0);
    await expectSameRankings([100]);
    const refreshed = await withTenant(api.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    expect(refreshed.length).toBeGreaterThan(40);
    expect(await lackingTarget(100)).toBe(0);
    await expectSameRankings([100, 72]);
  });

  it("stays exact while a changed day waits for the refresh job, and after it", async () => {
    await resolveOneRegistered(api.db, { tenantId: tehranId, from: new Date("2026-09-05T00:00:00+03:30"), to: new Date("2026-10-05T00:00:00+03:30"), at: new Date("2026-10-06T10:00:00+03:30") });
    await expectSameRankings([72]);
    await withTenant(api.db, tehranId, (tx) => refreshInsight(tx, { tenantId: tehranId }));
    await expectSameRankings([72]);
  });
});
