import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { coverRange, type RequestScope } from "@city137/core";
import type { Tx } from "../client";
import { insightDaily, insightDailyCells, insightSpan, insightSpanCells, requestFeedback, requests } from "../schema";
import { dayStart, iso, RATING_SUM, scopeWhere, serviceFlags, tehranDay, UNRESOLVED_DEADLINE, type InsightScope } from "./insight";
import { staleDays } from "./insight-rollup";
import { byKind, spansWhere } from "./insight-spans";

const count = (w: SQL) => sql<number>`(count(*) filter (where ${w}))::int`;

/**
 * The map's figures per district (messages without a district are left out):
 * volume, deadline compliance (on time / due, "due" as on the dashboard) and
 * satisfaction, from the messages of the range, with the same predicates.
 */
export function districtFigures(tx: Tx, p: InsightScope & { now: Date }) {
  const f = serviceFlags();
  return tx
    .select({
      districtId: sql<string>`${requests.districtId}::text`,
      all: count(f.all),
      dueResolved: count(f.dueResolved),
      unresolvedDeadline: count(f.unresolvedDeadline),
      ahead: count(sql`${UNRESOLVED_DEADLINE} and ${requests.deadline} >= ${iso(p.now)}`),
      onTime: count(f.onTime),
      rated: count(f.rated),
      ratingSum: RATING_SUM,
    })
    .from(requests)
    .leftJoin(requestFeedback, and(eq(requestFeedback.tenantId, requests.tenantId), eq(requestFeedback.requestId, requests.id)))
    .where(and(scopeWhere(p), sql`${requests.districtId} is not null`))
    .groupBy(requests.districtId);
}

/** The heatmap's cell in degrees: about a kilometre in Iran's cities. The rollup stores cells of this size. */
export const HEAT_CELL_DEGREES = 0.01;

/**
 * The messages the heatmap counts (those with a location), one row each: Tehran day, category,
 * corruption flag and cell (floor of latitude and longitude over HEAT_CELL_DEGREES). The raw
 * heatmap groups these by cell, the rollup's fill by day, category and cell: one SQL for both,
 * so the two cannot drift (docs/decisions/027).
 */
function cellMessages(where: SQL | undefined) {
  return sql`
    select ${tehranDay} as day, ${requests.categoryId}::text as category, ${requests.kind} = 'corruption_report' as corruption,
           floor(${requests.lat} / ${HEAT_CELL_DEGREES}::float8)::int as cell_y, floor(${requests.lon} / ${HEAT_CELL_DEGREES}::float8)::int as cell_x
    from ${requests}
    where ${and(where, sql`${requests.lat} is not null and ${requests.lon} is not null`)}`;
}

/** Writes the heatmap rollup rows of the messages `where` selects (a city, perhaps some days): per category and for all ('') at once. */
export async function fillCellRows(tx: Tx, p: { tenantId: string; where: SQL | undefined }) {
  await tx.execute(sql`
    insert into insight_daily_cells (tenant_id, day, category, corruption, cell_y, cell_x, n)
    select ${p.tenantId}::uuid, day, coalesce(category, ''), corruption, cell_y, cell_x, count(*)::int
    from (${cellMessages(p.where)}) m
    group by grouping sets ((day, corruption, cell_y, cell_x), (day, category, corruption, cell_y, cell_x))`);
}

export interface HeatCell {
  lat: number;
  lon: number;
  count: number;
}

/** Cell counts added up per cell, each cell at its centre, south to north then west to east. */
function heatOf(rows: Array<{ cellY: number; cellX: number; n: number }>): HeatCell[] {
  const cells = new Map<string, { y: number; x: number; n: number }>();
  for (const r of rows) {
    const id = `${r.cellY}:${r.cellX}`;
    const c = cells.get(id);
    if (c) c.n += Number(r.n);
    else cells.set(id, { y: Number(r.cellY), x: Number(r.cellX), n: Number(r.n) });
  }
  return [...cells.values()]
    .filter((c) => c.n > 0)
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((c) => ({ lat: (c.y + 0.5) * HEAT_CELL_DEGREES, lon: (c.x + 0.5) * HEAT_CELL_DEGREES, count: c.n }));
}

/** Raw cell counts of the messages in scope (range, days, category, viewer). */
function rawCellRows(tx: Tx, p: InsightScope) {
  return tx
    .select({ cellY: sql<number>`m.cell_y`, cellX: sql<number>`m.cell_x`, n: sql<number>`count(*)::int` })
    .from(sql`(${cellMessages(scopeWhere(p))}) m`)
    .groupBy(sql`m.cell_y`, sql`m.cell_x`);
}

/** Messages with a location per heatmap cell, from the messages themselves (unit staff, and the reference for the rollup). */
export async function heatCells(tx: Tx, p: InsightScope): Promise<HeatCell[]> {
  return heatOf(await rawCellRows(tx, p));
}

/**
 * heatCells through the rollup (docs/decisions/027): `insight_daily_cells` for the days it
 * holds current, the messages for the stale days. City-wide viewers only (the rollup is
 * city-wide); a category reads its own rows, no category the '' rows.
 */
export async function rolledHeatCells(tx: Tx, p: { tenantId: string; scope: RequestScope; fromDay: number; toDay: number; categoryId?: string }): Promise<HeatCell[]> {
  if (p.scope.units !== "all") throw new Error("the rollup is city-wide: unit staff read the messages");
  const stale = await staleDays(tx, { tenantId: p.tenantId, fromDay: p.fromDay, toDay: p.toDay });
  // Whole months and weeks from the span rows, the other current days from day rows, stale days from the messages (ADR 032).
  // Span rows hold every category only (''): a category reads its day rows.
  const plan = coverRange({ fromDay: p.fromDay, toDay: p.toDay, skip: stale, kinds: p.categoryId ? [] : undefined });
  const flags = p.scope.corruption ? [false, true] : [false];
  const c = insightDailyCells;
  const rolled = plan.days.length
    ? await tx
        .select({ cellY: c.cellY, cellX: c.cellX, n: sql<number>`sum(${c.n})::int` })
        .from(c)
        // Both flags as two index ranges on the day (the index has the flag before the day).
        .where(and(eq(c.tenantId, p.tenantId), eq(c.category, p.categoryId ?? ""), inArray(c.corruption, flags), inArray(c.day, plan.days)))
        .groupBy(c.cellY, c.cellX)
    : [];
  const s = insightSpanCells;
  const spans: Array<{ cellY: number; cellX: number; n: number }> = [];
  for (const ofKind of byKind(plan.spans))
    spans.push(
      ...(await tx
        .select({ cellY: s.cellY, cellX: s.cellX, n: sql<number>`sum(${s.n})::int` })
        .from(s)
        .where(and(eq(s.tenantId, p.tenantId), eq(s.category, p.categoryId ?? ""), inArray(s.corruption, flags), spansWhere(s, ofKind)))
        .groupBy(s.cellY, s.cellX)),
    );
  const fresh = stale.length ? await rawCellRows(tx, { tenantId: p.tenantId, scope: p.scope, from: dayStart(p.fromDay), to: dayStart(p.toDay), days: stale, categoryId: p.categoryId }) : [];
  return heatOf([...rolled, ...spans, ...fresh]);
}

type DistrictRow = { districtId: string; all: number; dueResolved: number; unresolvedDeadline: number; ahead: number; onTime: number; rated: number; ratingSum: number };

/**
 * districtFigures through the daily rollup (docs/decisions/026): its 'district' rows for the
 * days it holds current, the messages for the stale days, and the clock-dependent part of
 * "due" (unresolved, deadline still ahead at `now`) read raw per district, as the dashboard
 * does (partial index on pending deadlines). City-wide viewers and no category only (the
 * rollup has no district × category rows); the caller reads raw otherwise.
 */
export async function rolledDistrictFigures(tx: Tx, p: { tenantId: string; scope: RequestScope; fromDay: number; toDay: number; from: Date; to: Date; now: Date }): Promise<DistrictRow[]> {
  if (p.scope.units !== "all") throw new Error("the rollup is city-wide: unit staff read the messages");
  const stale = await staleDays(tx, { tenantId: p.tenantId, fromDay: p.fromDay, toDay: p.toDay });
  const scope = p.scope;
  // Whole months and weeks from the span rows, the other current days from day rows (ADR 032).
  const plan = coverRange({ fromDay: p.fromDay, toDay: p.toDay, skip: stale });
  const sums = (t: typeof insightDaily | typeof insightSpan, where: SQL) =>
    tx
      .select({
        districtId: t.key,
        all: sql<number>`sum(${t.all})::int`,
        dueResolved: sql<number>`sum(${t.dueResolved})::int`,
        unresolvedDeadline: sql<number>`sum(${t.unresolvedDeadline})::int`,
        onTime: sql<number>`sum(${t.onTime})::int`,
        rated: sql<number>`sum(${t.rated})::int`,
        ratingSum: sql<number>`sum(${t.ratingSum})::int`,
      })
      .from(t)
      .where(and(eq(t.tenantId, p.tenantId), eq(t.dimension, "district"), sql`${t.key} <> ''`, scope.corruption ? undefined : eq(t.corruption, false), where))
      .groupBy(t.key);
  const rolled = [
    ...(plan.days.length ? await sums(insightDaily, inArray(insightDaily.day, plan.days)) : []),
    ...(plan.spans.length ? await sums(insightSpan, spansWhere(insightSpan, plan.spans)) : []),
  ];
  const fresh = stale.length ? await districtFigures(tx, { tenantId: p.tenantId, scope, from: p.from, to: p.to, days: stale, now: p.now }) : [];
  const ahead = await tx
    .select({ districtId: sql<string>`${requests.districtId}::text`, n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(scopeWhere({ tenantId: p.tenantId, scope, from: p.from, to: p.to }), sql`${requests.districtId} is not null`, UNRESOLVED_DEADLINE, sql`${requests.deadline} >= ${iso(p.now)}`))
    .groupBy(requests.districtId);
  const out = new Map<string, DistrictRow>();
  const row = (id: string) => out.get(id) ?? out.set(id, { districtId: id, all: 0, dueResolved: 0, unresolvedDeadline: 0, ahead: 0, onTime: 0, rated: 0, ratingSum: 0 }).get(id)!;
  for (const r of [...rolled, ...fresh]) {
    const d = row(r.districtId);
    for (const k of ["all", "dueResolved", "unresolvedDeadline", "onTime", "rated", "ratingSum"] as const) d[k] += Number(r[k]);
  }
  // Stale days' rows already counted their "ahead"; the rollup's did not: recount it for every district at once.
  for (const d of out.values()) d.ahead = 0;
  for (const a of ahead) if (out.has(a.districtId)) row(a.districtId).ahead = Number(a.n);
  return [...out.values()].filter((d) => d.all > 0);
}
