import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNELS, MESSAGE_KINDS, REQUEST_STATES } from "@city137/core";
import { categories, insightCitizenDaily, insightCitizenDirtyDays, insightCitizenWeeks, requestFeedback, requests, requestSupporters, tenants } from "../schema";
import { withoutTenant, withTenant } from "../tenant";
import { createTestDb, rng, type TestDb } from "../testing";
import { engagedCitizens, rangePlan, rawEngagedCitizens, rebuildCitizensCity, refreshCitizens, weekOf } from "./insight-citizens";

/*
 * Engaged citizens read through their rollup (ADR 026) against the same table
 * read from the messages: seeded random messages from a skewed pool of mobiles
 * (a few regulars, many one-time callers, so points tie), every state and kind,
 * feedback and supports given on other days than the message's, some a year
 * earlier; several ranges and table lengths, a stale day, and a control.
 */
let t: TestDb;
let tehranId: string;
const dayStart = (day: number) => new Date((day * 86400 - 12600) * 1000);
// 1 Sep … 10 Oct 2026; 23 Sep … 22 Oct; a year reaching back past the older window; one day
const RANGES = [
  { fromDay: 20697, toDay: 20737 },
  { fromDay: 20719, toDay: 20749 },
  { fromDay: 20697 - 365, toDay: 20737 + 5 },
  { fromDay: 20700, toDay: 20701 },
];
const LIMITS = [1, 3, 10, 50, 500];

async function insertCitizenMessages(count: number, seed: number) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const regulars = Array.from({ length: 12 }, (_, i) => `0912000${String(i).padStart(4, "0")}`);
  const mobile = () => (rand() < 0.5 ? regulars[Math.floor(rand() * rand() * regulars.length)]! : `0935${String(Math.floor(rand() * 400)).padStart(7, "0")}`);
  const windows = [new Date("2026-09-01T00:00:00+03:30"), new Date("2026-09-01T00:00:00+03:30"), new Date("2026-09-01T00:00:00+03:30"), new Date("2025-09-01T00:00:00+03:30")];
  await withTenant(t.db, tehranId, async (tx) => {
    const cats = await tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, tehranId));
    const [last] = await tx.select({ seq: sql<number>`coalesce(max(${requests.seq}), 0)::int` }).from(requests).where(eq(requests.tenantId, tehranId));
    for (let i = 0; i < count; i++) {
      const createdAt = new Date(windows[i % windows.length]!.getTime() + Math.floor(rand() * 45 * 1440) * 60_000 - (i % 13 === 0 ? 7_200_000 : 0));
      const seq = (last?.seq ?? 0) + i + 1;
      const [r] = await tx
        .insert(requests)
        .values({
          tenantId: tehranId,
          seq,
          trackingCode: `CIT${seed}-${seq}`,
          kind: rand() < 0.08 ? "corruption_report" : pick(MESSAGE_KINDS.filter((k) => k !== "corruption_report")),
          categoryId: pick(cats).id,
          channel: pick(CHANNELS),
          description: "پیام آزمایشی",
          searchText: "پیام آزمایشی",
          citizenMobile: rand() < 0.85 ? mobile() : null,
          priority: "normal",
          status: pick(REQUEST_STATES),
          createdAt,
        })
        .returning({ id: requests.id });
      const later = () => new Date(createdAt.getTime() + Math.floor(rand() * 20 * 1440) * 60_000);
      if (rand() < 0.3) await tx.insert(requestFeedback).values({ tenantId: tehranId, requestId: r!.id, score: 1 + Math.floor(rand() * 5), source: "phone", createdAt: later() });
      const supporters = new Set(Array.from({ length: Math.floor(rand() * 3) }, mobile));
      for (const m of supporters) await tx.insert(requestSupporters).values({ tenantId: tehranId, requestId: r!.id, mobile: m, channel: "phone", createdAt: later() });
    }
  });
}

const read = (range: { fromDay: number; toDay: number }, limit: number, rollup: boolean, batch?: number) =>
  withTenant(t.db, tehranId, (tx) =>
    rollup ? engagedCitizens(tx, { tenantId: tehranId, ...range, limit, batch, rawBelow: 0 }) : rawEngagedCitizens(tx, { tenantId: tehranId, from: dayStart(range.fromDay), to: dayStart(range.toDay), limit }),
  );

async function expectSameTables() {
  let compared = 0;
  for (const range of RANGES)
    for (const limit of LIMITS) {
      const viaMessages = await read(range, limit, false);
      expect(viaMessages, "the raw path is the query it replaced").toEqual(await before026(range, limit));
      // Small rounds of candidates make the stop (last place against the bounds left) decide; 500 reads this fixture in one round.
      for (const batch of [1, 4, 500]) {
        expect(await read(range, limit, true, batch), `${range.fromDay}…${range.toDay} top ${limit}, rounds of ${batch}`).toEqual(viaMessages);
        compared++;
      }
    }
  return compared;
}

/** The query engagedCitizens ran before ADR 026, verbatim but for the mobile's collation in the order (digits only). */
async function before026(range: { fromDay: number; toDay: number }, limit: number) {
  const from = dayStart(range.fromDay).toISOString();
  const to = dayStart(range.toDay).toISOString();
  const res: unknown = await withTenant(t.db, tehranId, (tx) =>
    tx.execute(sql`
    with msg as (
      select citizen_mobile as mobile,
             count(*) filter (where status in ('resolved','closed'))::int as confirmed,
             count(*) filter (where status not in ('resolved','closed'))::int as accepted
      from requests
      where tenant_id = ${tehranId} and citizen_mobile is not null and kind <> 'corruption_report'
        and status not in ('rejected','duplicate')
        and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
      group by citizen_mobile
    ), fb as (
      select r.citizen_mobile as mobile, count(*)::int as feedback
      from request_feedback f join requests r on r.tenant_id = f.tenant_id and r.id = f.request_id
      where f.tenant_id = ${tehranId} and r.citizen_mobile is not null and r.kind <> 'corruption_report'
        and f.created_at >= ${from}::timestamptz and f.created_at < ${to}::timestamptz
      group by r.citizen_mobile
    ), sup as (
      select s.mobile, count(*)::int as supports
      from request_supporters s join requests r on r.tenant_id = s.tenant_id and r.id = s.request_id
      where s.tenant_id = ${tehranId} and s.mobile is not null and r.kind <> 'corruption_report' and r.status not in ('rejected','duplicate')
        and s.created_at >= ${from}::timestamptz and s.created_at < ${to}::timestamptz
      group by s.mobile
    ), everyone as (
      select mobile from msg union select mobile from fb union select mobile from sup
    )
    select e.mobile,
           coalesce(msg.confirmed, 0) as confirmed, coalesce(msg.accepted, 0) as accepted,
           coalesce(fb.feedback, 0) as feedback, coalesce(sup.supports, 0) as supports,
           (3 * coalesce(msg.confirmed, 0) + coalesce(msg.accepted, 0) + coalesce(fb.feedback, 0) + coalesce(sup.supports, 0))::int as points
    from everyone e
    left join msg on msg.mobile = e.mobile
    left join fb on fb.mobile = e.mobile
    left join sup on sup.mobile = e.mobile
    order by points desc, confirmed desc, e.mobile collate "C"
    limit ${limit}`),
  );
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Array<Record<string, string | number>>;
  return rows.map((r) => ({ mobile: r.mobile, confirmed: Number(r.confirmed), accepted: Number(r.accepted), feedback: Number(r.feedback), supports: Number(r.supports), points: Number(r.points) }));
}

const marks = () => withTenant(t.db, tehranId, (tx) => tx.select({ day: insightCitizenDirtyDays.day }).from(insightCitizenDirtyDays).where(eq(insightCitizenDirtyDays.tenantId, tehranId)));

beforeAll(async () => {
  t = await createTestDb();
  const [city] = await withoutTenant(t.db, (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "tehran")));
  tehranId = city!.id;
  await insertCitizenMessages(500, 11);
  expect((await marks()).length).toBeGreaterThan(0); // the writes marked their days
  await withTenant(t.db, tehranId, (tx) => rebuildCitizensCity(tx, { tenantId: tehranId }));
}, 120_000);
afterAll(() => t?.close());

describe("engaged citizens through their rollup", () => {
  it("give the same table as the messages for every range and length", async () => {
    expect(await marks()).toEqual([]); // so the rollup, not the messages, answers
    expect(await expectSameTables()).toBe(RANGES.length * LIMITS.length * 3);
    // The fixture is rich enough: every count is non-trivial and points tie.
    const year = await read(RANGES[2]!, 500, true);
    for (const k of ["confirmed", "accepted", "feedback", "supports"] as const) expect(year.reduce((a, r) => a + r[k], 0), k).toBeGreaterThan(0);
    expect(new Set(year.map((r) => r.points)).size).toBeLessThan(year.length);
    expect(year.length).toBeGreaterThan(50);
    // With the default threshold this small city is answered from the messages: the same table.
    const small = await withTenant(t.db, tehranId, (tx) => engagedCitizens(tx, { tenantId: tehranId, ...RANGES[2]!, limit: 50 }));
    expect(small).toEqual(await read(RANGES[2]!, 50, false));
    const forced = await withTenant(t.db, tehranId, (tx) => engagedCitizens(tx, { tenantId: tehranId, ...RANGES[2]!, limit: 50, rawBelow: 2 }));
    expect(forced).toEqual(small);
  });

  it("notices a day row or a week row that is off by one (the comparison reads the rollup)", async () => {
    // RANGES[0] is 20697…20737: its days 20697–20700 lie in a week it only partly covers (read by
    // day), 20701–20735 are the whole weeks 2958–2962 (read by week).
    expect(rangePlan(20697, 20737, [])).toEqual({ whole: [2958, 2959, 2960, 2961, 2962], days: [20697, 20698, 20699, 20700, 20736], touched: [2957, 2958, 2959, 2960, 2961, 2962, 2963] });
    const [top] = await read(RANGES[0]!, 1, false);
    const bumpDay = (day: number, by: number) =>
      withTenant(t.db, tehranId, (tx) =>
        tx
          .update(insightCitizenDaily)
          .set({ accepted: sql`${insightCitizenDaily.accepted} + ${by}` })
          .where(and(eq(insightCitizenDaily.tenantId, tehranId), eq(insightCitizenDaily.mobile, top!.mobile), eq(insightCitizenDaily.day, day)))
          .returning({ day: insightCitizenDaily.day }),
      );
    const bumpWeek = (week: number, by: number) =>
      withTenant(t.db, tehranId, (tx) =>
        tx
          .update(insightCitizenWeeks)
          .set({ accepted: sql`${insightCitizenWeeks.accepted} + ${by}`, points: sql`${insightCitizenWeeks.points} + ${by}` })
          .where(and(eq(insightCitizenWeeks.tenantId, tehranId), eq(insightCitizenWeeks.mobile, top!.mobile), eq(insightCitizenWeeks.week, week)))
          .returning({ week: insightCitizenWeeks.week }),
      );
    const plus = { ...top, accepted: top!.accepted + 1, points: top!.points + 1 };
    // A day row at the range's partial end.
    const edgeDay = await withTenant(t.db, tehranId, (tx) =>
      tx.select({ day: insightCitizenDaily.day }).from(insightCitizenDaily).where(and(eq(insightCitizenDaily.tenantId, tehranId), eq(insightCitizenDaily.mobile, top!.mobile), sql`${insightCitizenDaily.day} in (20697, 20698, 20699, 20700, 20736)`)),
    );
    expect(edgeDay.length).toBeGreaterThan(0);
    expect(await bumpDay(edgeDay[0]!.day, 1)).toHaveLength(1);
    expect(await read(RANGES[0]!, 1, true)).toEqual([plus]);
    await bumpDay(edgeDay[0]!.day, -1);
    expect(await read(RANGES[0]!, 1, true)).toEqual([top]);
    // A week row of a whole week.
    const weeks = await withTenant(t.db, tehranId, (tx) =>
      tx.select({ week: insightCitizenWeeks.week }).from(insightCitizenWeeks).where(and(eq(insightCitizenWeeks.tenantId, tehranId), eq(insightCitizenWeeks.mobile, top!.mobile), sql`${insightCitizenWeeks.week} between 2958 and 2962`)),
    );
    expect(weeks.length).toBeGreaterThan(0);
    expect(await bumpWeek(weeks[0]!.week, 1)).toHaveLength(1);
    expect(await read(RANGES[0]!, 1, true)).toEqual([plus]);
    await bumpWeek(weeks[0]!.week, -1);
    expect(await read(RANGES[0]!, 1, true)).toEqual([top]);
  });

  it("splits a range into whole weeks and days, leaving stale days to the messages", () => {
    // 20701 is a Saturday (week 2958 is 20701–20707).
    expect(rangePlan(20701, 20708, [])).toEqual({ whole: [2958], days: [], touched: [2958] });
    expect(rangePlan(20701, 20708, [20703])).toEqual({ whole: [], days: [20701, 20702, 20704, 20705, 20706, 20707], touched: [2958] });
    expect(rangePlan(20702, 20703, [])).toEqual({ whole: [], days: [20702], touched: [2958] });
    expect(rangePlan(20700, 20716, [20710])).toEqual({ whole: [2958], days: [20700, 20708, 20709, 20711, 20712, 20713, 20714, 20715], touched: [2957, 2958, 2959, 2960] });
    expect(weekOf(20701)).toBe(2958);
    expect(weekOf(20700)).toBe(2957);
    expect(new Date(dayStart(20701).getTime() + 12600_000).getUTCDay()).toBe(6); // Saturday
  });

  it("stays exact while changed days wait for the refresh job, and after it", async () => {
    const [top] = await read(RANGES[0]!, 3, false).then((r) => r.slice(-1));
    await withTenant(t.db, tehranId, async (tx) => {
      // A confirmed message of a regular rejected, an accepted one confirmed, a support and a feedback added (each marks its own day).
      const mine = await tx
        .select({ id: requests.id, status: requests.status, createdAt: requests.createdAt })
        .from(requests)
        .where(and(eq(requests.tenantId, tehranId), eq(requests.citizenMobile, top!.mobile), sql`${requests.createdAt} >= ${dayStart(20697).toISOString()}::timestamptz and ${requests.createdAt} < ${dayStart(20737).toISOString()}::timestamptz`, sql`${requests.kind} <> 'corruption_report'`));
      const confirmed = mine.find((m) => m.status === "resolved" || m.status === "closed");
      const accepted = mine.find((m) => ["registered", "referred", "in_progress", "reopened", "forwarded"].includes(m.status));
      expect(confirmed && accepted).toBeTruthy();
      await tx.update(requests).set({ status: "rejected" }).where(and(eq(requests.tenantId, tehranId), eq(requests.id, confirmed!.id)));
      await tx.update(requests).set({ status: "resolved" }).where(and(eq(requests.tenantId, tehranId), eq(requests.id, accepted!.id)));
      const [other] = await tx.select({ id: requests.id }).from(requests).where(and(eq(requests.tenantId, tehranId), sql`${requests.citizenMobile} is distinct from ${top!.mobile}`, sql`${requests.status} not in ('rejected','duplicate')`, sql`${requests.kind} <> 'corruption_report'`)).limit(1);
      await tx.insert(requestSupporters).values({ tenantId: tehranId, requestId: other!.id, mobile: "09350000999", channel: "phone", createdAt: dayStart(20710) });
      await tx.insert(requestSupporters).values({ tenantId: tehranId, requestId: other!.id, mobile: top!.mobile, channel: "phone", createdAt: dayStart(20711) }).onConflictDoNothing();
    });
    const stale = new Set((await marks()).map((m) => m.day));
    expect(stale.has(20710)).toBe(true);
    expect(stale.size).toBeGreaterThan(1);
    expect(await expectSameTables()).toBe(RANGES.length * LIMITS.length * 3);
    const refreshed = await withTenant(t.db, tehranId, (tx) => refreshCitizens(tx, { tenantId: tehranId }));
    expect(new Set(refreshed)).toEqual(stale);
    expect(await marks()).toEqual([]);
    expect(await expectSameTables()).toBe(RANGES.length * LIMITS.length * 3);
    // The refresh rewrote exactly the weeks a full rebuild writes.
    const weekRows = () => withTenant(t.db, tehranId, (tx) => tx.select().from(insightCitizenWeeks).where(eq(insightCitizenWeeks.tenantId, tehranId)).orderBy(insightCitizenWeeks.mobile, insightCitizenWeeks.week));
    const refreshedWeeks = await weekRows();
    await withTenant(t.db, tehranId, (tx) => rebuildCitizensCity(tx, { tenantId: tehranId }));
    expect(refreshedWeeks.length).toBeGreaterThan(100);
    expect(refreshedWeeks).toEqual(await weekRows());
  });

  it("reads on while a mobile not yet read could still tie the last place and win it on confirmed messages", async () => {
    // Rollup rows only, in Shiraz, in a week of 1971 no fixture touches: B (three accepted
    // messages) comes first in the week's list (same points, smaller mobile), A (one confirmed)
    // second. Reading one entry per round, the bound after B is 3, equal to B's points: A may
    // still tie and win on confirmed messages, so reading must go on.
    const [shiraz] = await withoutTenant(t.db, (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "shiraz")));
    const week = 100;
    const day = 7 * week - 5 + 2;
    const rows = [
      { mobile: "09110000001", confirmed: 0, accepted: 3 },
      { mobile: "09120000002", confirmed: 1, accepted: 0 },
    ];
    await withTenant(t.db, shiraz!.id, async (tx) => {
      for (const r of rows) {
        await tx.insert(insightCitizenDaily).values({ tenantId: shiraz!.id, mobile: r.mobile, day, confirmed: r.confirmed, accepted: r.accepted, feedback: 0, supports: 0 });
        await tx.insert(insightCitizenWeeks).values({ tenantId: shiraz!.id, mobile: r.mobile, week, confirmed: r.confirmed, accepted: r.accepted, feedback: 0, supports: 0, points: 3 });
      }
    });
    const top = (range: { fromDay: number; toDay: number }) => withTenant(t.db, shiraz!.id, (tx) => engagedCitizens(tx, { tenantId: shiraz!.id, ...range, limit: 1, batch: 1, rawBelow: 0 }));
    const a = { mobile: "09120000002", confirmed: 1, accepted: 0, feedback: 0, supports: 0, points: 3 };
    expect(await top({ fromDay: 7 * week - 5, toDay: 7 * week + 2 })).toEqual([a]); // the whole week, from its week rows
    expect(await top({ fromDay: day, toDay: day + 1 })).toEqual([a]); // one day, from its day rows
    // Positive control: Tehran's reading never sees Shiraz's rows.
    expect(await withTenant(t.db, tehranId, (tx) => engagedCitizens(tx, { tenantId: tehranId, fromDay: day, toDay: day + 1, limit: 5, batch: 1, rawBelow: 0 }))).toEqual([]);
  });

  it("a change the counts cannot see marks nothing", async () => {
    await withTenant(t.db, tehranId, async (tx) => {
      const [m] = await tx.select({ id: requests.id }).from(requests).where(and(eq(requests.tenantId, tehranId), eq(requests.status, "referred"))).limit(1);
      await tx.update(requests).set({ status: "in_progress" }).where(and(eq(requests.tenantId, tehranId), eq(requests.id, m!.id)));
    });
    expect(await marks()).toEqual([]);
  });
});
