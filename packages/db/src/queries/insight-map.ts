import { and, eq, gte, lt, notInArray, sql, type SQL } from "drizzle-orm";
import type { RequestScope } from "@city137/core";
import type { Tx } from "../client";
import { insightDaily, requestFeedback, requests } from "../schema";
import { iso, RATING_SUM, scopeWhere, serviceFlags, UNRESOLVED_DEADLINE, type InsightScope } from "./insight";
import { staleDays } from "./insight-rollup";

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

/** Messages with a location, counted per square cell of `cell` degrees; each cell at its centre. */
export function heatCells(tx: Tx, p: InsightScope & { cell: number }) {
  const gy = sql`floor(${requests.lat} / ${p.cell}::float8)`;
  const gx = sql`floor(${requests.lon} / ${p.cell}::float8)`;
  return tx
    .select({
      lat: sql<number>`((${gy} + 0.5) * ${p.cell}::float8)::float8`,
      lon: sql<number>`((${gx} + 0.5) * ${p.cell}::float8)::float8`,
      count: sql<number>`count(*)::int`,
    })
    .from(requests)
    .where(and(scopeWhere(p), sql`${requests.lat} is not null and ${requests.lon} is not null`))
    .groupBy(sql`1`, sql`2`);
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
  const rolled = await tx
    .select({
      districtId: insightDaily.key,
      all: sql<number>`sum(${insightDaily.all})::int`,
      dueResolved: sql<number>`sum(${insightDaily.dueResolved})::int`,
      unresolvedDeadline: sql<number>`sum(${insightDaily.unresolvedDeadline})::int`,
      onTime: sql<number>`sum(${insightDaily.onTime})::int`,
      rated: sql<number>`sum(${insightDaily.rated})::int`,
      ratingSum: sql<number>`sum(${insightDaily.ratingSum})::int`,
    })
    .from(insightDaily)
    .where(
      and(
        eq(insightDaily.tenantId, p.tenantId),
        eq(insightDaily.dimension, "district"),
        gte(insightDaily.day, p.fromDay),
        lt(insightDaily.day, p.toDay),
        sql`${insightDaily.key} <> ''`,
        scope.corruption ? undefined : eq(insightDaily.corruption, false),
        stale.length ? notInArray(insightDaily.day, stale) : undefined,
      ),
    )
    .groupBy(insightDaily.key);
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
