import { and, eq, gte, lt, sql } from "drizzle-orm";
import { CHANNELS, MESSAGE_KINDS, REQUEST_STATES, spanOfDay, type SpanKind } from "@city137/core";
import type { Database } from "../client";
import { areas, categories, insightDaily, insightDailyCells, insightDailyScore, insightSpanCells, insightSpan, requestEvents, requestFeedback, requests, units } from "../schema";
import { withTenant } from "../tenant";

/** mulberry32: the same numbers for the same seed. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random messages of a city (seeded): every state, kind and channel, with or
 * without region, district, unit and deadline, referrals, reopenings and
 * feedback. `windows` are the instants from which each message falls in the
 * following `days` days (the message i uses window i mod windows.length).
 * With `place`, about nine in ten messages get a location within ±0.1° of it
 * (from their own seeded stream, so the other choices do not change), some on
 * a 0.01° cell's edge; without it none has one.
 */
export async function insertRandomMessages(db: Database, p: { tenantId: string; count: number; seed: number; windows: Date[]; days: number; place?: { lat: number; lon: number } }) {
  const rand = rng(p.seed);
  const randPlace = rng(p.seed ^ 0x5bd1e995);
  const near = (c: number) => (randPlace() < 0.1 ? Math.round(c * 100 + Math.floor(randPlace() * 21) - 10) / 100 : c - 0.1 + randPlace() * 0.2);
  const placeOf = () => (p.place && randPlace() < 0.9 ? { lat: near(p.place.lat), lon: near(p.place.lon) } : { lat: null, lon: null });
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const hour = 3_600_000;
  await withTenant(db, p.tenantId, async (tx) => {
    const cats = await tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, p.tenantId));
    const us = await tx.select({ id: units.id }).from(units).where(eq(units.tenantId, p.tenantId));
    const regions = await tx.select({ id: areas.id }).from(areas).where(and(eq(areas.tenantId, p.tenantId), eq(areas.level, "region")));
    const districts = await tx.select({ id: areas.id }).from(areas).where(and(eq(areas.tenantId, p.tenantId), eq(areas.level, "district")));
    const [last] = await tx.select({ seq: sql<number>`coalesce(max(${requests.seq}), 0)::int` }).from(requests).where(eq(requests.tenantId, p.tenantId));
    for (let i = 0; i < p.count; i++) {
      const base = p.windows[i % p.windows.length]!.getTime();
      // whole minutes, a few of them before the window's first day
      const createdAt = new Date(base + Math.floor(rand() * (p.days + 1) * 24 * 60) * 60_000 - (i % 17 === 0 ? 2 * hour : 0));
      const status = pick(REQUEST_STATES);
      const resolvedAt = ["resolved", "closed", "reopened"].includes(status) || (status === "in_progress" && rand() < 0.1) ? new Date(createdAt.getTime() + Math.floor(rand() * 400 * hour)) : null;
      const kind = rand() < 0.08 ? "corruption_report" : pick(MESSAGE_KINDS.filter((k) => k !== "corruption_report"));
      const seq = (last?.seq ?? 0) + i + 1;
      const [r] = await tx
        .insert(requests)
        .values({
          tenantId: p.tenantId,
          seq,
          trackingCode: `RND${p.seed}-${seq}`,
          kind,
          categoryId: pick(cats).id,
          channel: pick(CHANNELS),
          description: "پیام آزمایشی",
          searchText: "پیام آزمایشی",
          regionId: rand() < 0.8 && regions.length ? pick(regions).id : null,
          districtId: rand() < 0.7 && districts.length ? pick(districts).id : null,
          unitId: rand() < 0.85 ? pick(us).id : null,
          priority: "normal",
          status,
          deadline: rand() < 0.8 ? new Date(createdAt.getTime() + Math.floor(rand() * 200 * hour)) : null,
          createdAt,
          resolvedAt,
          ...placeOf(),
        })
        .returning({ id: requests.id });
      if (status !== "registered" && rand() < 0.8) {
        await tx.insert(requestEvents).values({ tenantId: p.tenantId, requestId: r!.id, type: pick(["referred", "refer"]), at: new Date(createdAt.getTime() + Math.floor(rand() * 90 * hour)) });
      }
      if (resolvedAt && rand() < 0.3) await tx.insert(requestEvents).values({ tenantId: p.tenantId, requestId: r!.id, type: "reopen", at: resolvedAt });
      if (rand() < 0.3) await tx.insert(requestFeedback).values({ tenantId: p.tenantId, requestId: r!.id, score: 1 + Math.floor(rand() * 5), source: "phone" });
    }
  });
}

/** Adds `by` to one day's city-wide total in the rollup (to prove a comparison reads it). */
export function bumpRollupTotal(db: Database, p: { tenantId: string; day: number; by: number }) {
  return withTenant(db, p.tenantId, (tx) =>
    tx
      .update(insightDaily)
      .set({ all: sql`${insightDaily.all} + ${p.by}` })
      .where(and(eq(insightDaily.tenantId, p.tenantId), eq(insightDaily.day, p.day), eq(insightDaily.dimension, "none"), eq(insightDaily.corruption, false))),
  );
}

/** Resolves one registered message of [from, to) at `at`; returns its id. */
export function resolveOneRegistered(db: Database, p: { tenantId: string; from: Date; to: Date; at: Date }) {
  return withTenant(db, p.tenantId, async (tx) => {
    const [m] = await tx
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.tenantId, p.tenantId), eq(requests.status, "registered"), gte(requests.createdAt, p.from), lt(requests.createdAt, p.to)))
      .limit(1);
    if (!m) throw new Error("no registered message in the range");
    await tx.update(requests).set({ status: "resolved", resolvedAt: p.at }).where(and(eq(requests.tenantId, p.tenantId), eq(requests.id, m.id)));
    return m.id;
  });
}

/** Adds `by` to "on time" of the first unit score row from `fromDay` that has one (to prove a comparison reads the ranking rollup). */
export function bumpScoreOnTime(db: Database, p: { tenantId: string; fromDay: number; by: number }) {
  return withTenant(db, p.tenantId, async (tx) => {
    const s = insightDailyScore;
    const [row] = await tx
      .select({ day: s.day, key: s.key })
      .from(s)
      .where(and(eq(s.tenantId, p.tenantId), eq(s.level, "unit"), gte(s.day, p.fromDay), sql`${s.onTime} > 0`))
      .orderBy(s.day, s.key)
      .limit(1);
    if (!row) throw new Error("no score row with on-time messages");
    await tx
      .update(s)
      .set({ onTime: sql`${s.onTime} + ${p.by}` })
      .where(and(eq(s.tenantId, p.tenantId), eq(s.level, "unit"), eq(s.day, row.day), eq(s.key, row.key)));
  });
}

/** How many of a city's ranking rollup rows lack counts for `targetHours`. */
export async function scoreRowsLacking(db: Database, p: { tenantId: string; targetHours: number }) {
  const [row] = await withTenant(db, p.tenantId, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(insightDailyScore)
      .where(and(eq(insightDailyScore.tenantId, p.tenantId), sql`not (${p.targetHours}::int = any(${insightDailyScore.targets}))`)),
  );
  return Number(row?.n ?? 0);
}

/** Adds `by` to "on time" of one district's rollup row of a day and of the span rows holding that day (ADR 032; to prove the map reads the rollup); returns the district. */
export function bumpDistrictOnTime(db: Database, p: { tenantId: string; day: number; by: number }) {
  return withTenant(db, p.tenantId, async (tx) => {
    const where = and(eq(insightDaily.tenantId, p.tenantId), eq(insightDaily.dimension, "district"), eq(insightDaily.day, p.day), eq(insightDaily.corruption, false));
    const [row] = await tx.select({ key: insightDaily.key }).from(insightDaily).where(and(where, sql`${insightDaily.key} <> ''`)).orderBy(insightDaily.key).limit(1);
    if (!row) throw new Error("no district row that day");
    await tx.update(insightDaily).set({ onTime: sql`${insightDaily.onTime} + ${p.by}` }).where(and(where, eq(insightDaily.key, row.key)));
    const s = insightSpan;
    for (const kind of ["month", "week"] as const)
      await tx
        .update(s)
        .set({ onTime: sql`${s.onTime} + ${p.by}` })
        .where(and(eq(s.tenantId, p.tenantId), eq(s.kind, kind), eq(s.startDay, spanOfDay(p.day, kind).start), eq(s.dimension, "district"), eq(s.key, row.key), eq(s.corruption, false)));
    return row.key;
  });
}

/**
 * Adds `by` to one cell of a day's all-categories heatmap rollup (to prove the map reads it);
 * `rows`: the day row, the span rows holding the day (ADR 032), or both; returns the cell.
 */
export function bumpHeatCell(db: Database, p: { tenantId: string; day: number; by: number; rows?: "day" | "spans" | "both" }) {
  const rows = p.rows ?? "both";
  return withTenant(db, p.tenantId, async (tx) => {
    const c = insightDailyCells;
    const where = and(eq(c.tenantId, p.tenantId), eq(c.day, p.day), eq(c.category, ""), eq(c.corruption, false));
    const [row] = await tx.select({ cellY: c.cellY, cellX: c.cellX }).from(c).where(where).orderBy(c.cellY, c.cellX).limit(1);
    if (!row) throw new Error("no heatmap cell that day");
    if (rows !== "spans") await tx.update(c).set({ n: sql`${c.n} + ${p.by}` }).where(and(where, eq(c.cellY, row.cellY), eq(c.cellX, row.cellX)));
    if (rows !== "day") {
      const s = insightSpanCells;
      for (const kind of ["month", "week"] as const) {
        const span = and(eq(s.tenantId, p.tenantId), eq(s.kind, kind), eq(s.startDay, spanOfDay(p.day, kind).start), eq(s.category, ""), eq(s.corruption, false), eq(s.cellY, row.cellY), eq(s.cellX, row.cellX));
        const done = await tx.update(s).set({ n: sql`${s.n} + ${p.by}` }).where(span).returning({ n: s.n });
        if (done.length !== 1) throw new Error(`no ${kind} span row for that cell`);
      }
    }
    return row;
  });
}

/** Adds `by` to the messages of one key in the span row of a kind holding `day` (ADR 032; to prove the charts and totals read it); returns the key. */
export function bumpSpanVolume(db: Database, p: { tenantId: string; day: number; kind: SpanKind; dimension: string; by: number }) {
  return withTenant(db, p.tenantId, async (tx) => {
    const v = insightSpan;
    const where = and(eq(v.tenantId, p.tenantId), eq(v.kind, p.kind), eq(v.startDay, spanOfDay(p.day, p.kind).start), eq(v.dimension, p.dimension), eq(v.corruption, false));
    const [row] = await tx.select({ key: v.key }).from(v).where(where).orderBy(v.key).limit(1);
    if (!row) throw new Error("no span row");
    await tx.update(v).set({ all: sql`${v.all} + ${p.by}` }).where(and(where, eq(v.key, row.key)));
    return row.key;
  });
}
