import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { requestFeedback, requests } from "../schema";
import { RATING_SUM, scopeWhere, serviceFlags, UNRESOLVED_DEADLINE, type InsightScope } from "./insight";

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
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
