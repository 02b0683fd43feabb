import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Dimension, MessageGroup, RequestScope } from "@city137/core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { requestFeedback, requests } from "../schema";

/*
 * Figures of the dashboards and the lists behind them (ADR 013). Every figure
 * is a count of messages matching one predicate below, and the drill-down list
 * of that figure uses the same predicate, so the two always agree.
 */

/** An instant as a timestamptz parameter. */
export const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const OPEN = sql`${requests.status} in ('registered','referred','in_progress','reopened')`;
const reopenedEver = sql`exists (select 1 from request_events e where e.tenant_id = ${requests.tenantId} and e.request_id = ${requests.id} and e.type = 'reopen')`;
const rated = sql`exists (select 1 from request_feedback f where f.tenant_id = ${requests.tenantId} and f.request_id = ${requests.id})`;
/** Tehran day number (days since 1970-01-01, UTC+03:30). */
export const tehranDay = sql<number>`((extract(epoch from ${requests.createdAt})::bigint + 12600) / 86400)::int`;
const minuteOfDay = sql`((extract(epoch from ${requests.createdAt})::bigint / 60 + 210) % 1440)`;
/** Operator shift in Tehran time, as core's shiftOfMinute. */
export const shiftOf = sql<string>`case when ${minuteOfDay} >= 360 and ${minuteOfDay} < 840 then 'morning' when ${minuteOfDay} >= 840 and ${minuteOfDay} < 1320 then 'noon' else 'night' end`;

export interface GroupContext {
  now: Date;
  targetHours: number;
}

/** The messages a figure counts. */
export function groupWhere(g: MessageGroup, c: GroupContext): SQL | undefined {
  const resolved = sql`${requests.resolvedAt} is not null`;
  const resolvedNow = sql`${requests.status} in ('resolved','closed') and ${resolved} and ${requests.resolvedAt} <= ${requests.deadline}`;
  const due = sql`${requests.deadline} is not null and (${resolved} or ${requests.deadline} < ${iso(c.now)})`;
  switch (g) {
    case "all":
      return undefined;
    case "open":
      return OPEN;
    case "resolved":
      return resolved;
    case "on_time":
      // Resolved by the deadline and still resolved: a reopened message is open work again.
      return sql`${requests.deadline} is not null and ${resolvedNow}`;
    case "due":
      return due;
    case "late":
      return sql`${due} and not (${requests.deadline} is not null and ${resolvedNow})`;
    case "reopened":
      return sql`${resolved} and ${reopenedEver}`;
    case "duplicate":
      return sql`${requests.status} = 'duplicate'`;
    case "forwarded":
      return sql`${requests.status} = 'forwarded'`;
    case "rated":
      return rated;
    case "resolved_in_target":
      return sql`${resolved} and ${requests.resolvedAt} - ${requests.createdAt} <= make_interval(hours => ${c.targetHours}::int)`;
    case "scored":
      return sql`${requests.status} not in ('duplicate','forwarded','rejected')`;
  }
}

/** The key a message has in a breakdown. */
export function dimensionKey(d: Dimension): SQL<string> {
  switch (d) {
    case "channel":
      return sql<string>`${requests.channel}`;
    case "kind":
      return sql<string>`${requests.kind}`;
    case "category":
      return sql<string>`${requests.categoryId}::text`;
    case "region":
      return sql<string>`coalesce(${requests.regionId}::text, '')`;
    case "district":
      return sql<string>`coalesce(${requests.districtId}::text, '')`;
    case "unit":
      return sql<string>`coalesce(${requests.unitId}::text, '')`;
    case "shift":
      return shiftOf;
    case "none":
      return sql<string>`''`;
  }
}

export interface InsightScope {
  tenantId: string;
  /** What the viewer may see (core's requestScope). */
  scope: RequestScope;
  from?: Date;
  to?: Date;
  /** Only messages registered on these Tehran days (within from/to). */
  days?: number[];
  /** Only messages of this category. */
  categoryId?: string;
  /** Only messages whose breakdown key (see dimensionKey) is this value. */
  slice?: { dimension: Dimension; key: string };
}

/** The instant a Tehran day (days since 1970 in Tehran time) begins. */
export const dayStart = (day: number) => new Date((day * 86400 - 12600) * 1000);
/** Runs of consecutive days, as [first, after last) pairs in ascending order. */
export function runsOf(days: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const d of [...new Set(days)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d) last[1] = d + 1;
    else runs.push([d, d + 1]);
  }
  return runs;
}

/** Instants of `col` on one of these Tehran days: runs of consecutive days as ranges (so a date index serves it). */
export function onDaysOf(col: SQL | AnyPgColumn, days: number[]): SQL {
  const runs = runsOf(days);
  if (!runs.length) return sql`false`;
  return sql`(${sql.join(
    runs.map(([a, b]) => sql`(${col} >= ${iso(dayStart(a))} and ${col} < ${iso(dayStart(b))})`),
    sql` or `,
  )})`;
}

/** Registered on one of these Tehran days. */
export const onDays = (days: number[]): SQL => onDaysOf(requests.createdAt, days);

/** Corruption reports only for inspectors; unit staff only their units. */
export function scopeWhere(p: InsightScope): SQL | undefined {
  const units = p.scope.units;
  return and(
    eq(requests.tenantId, p.tenantId),
    p.scope.corruption ? undefined : ne(requests.kind, "corruption_report"),
    units === "all" ? undefined : units.length ? inArray(requests.unitId, [...units]) : sql`false`,
    p.from ? gte(requests.createdAt, p.from) : undefined,
    p.to ? lt(requests.createdAt, p.to) : undefined,
    p.days ? onDays(p.days) : undefined,
    p.categoryId ? eq(requests.categoryId, p.categoryId) : undefined,
    p.slice && p.slice.dimension !== "none" ? sql`${dimensionKey(p.slice.dimension)} = ${p.slice.key}` : undefined,
  );
}

/** Messages per Tehran day and breakdown key. */
export function volumeByDay(tx: Tx, p: InsightScope & { dimension: Dimension }) {
  const key = dimensionKey(p.dimension);
  return tx
    .select({ day: tehranDay, key, count: sql<number>`count(*)::int` })
    .from(requests)
    .where(scopeWhere(p))
    // A constant key may not stand in GROUP BY.
    .groupBy(...(p.dimension === "none" ? [tehranDay] : [tehranDay, key]))
    .orderBy(tehranDay);
}

const count = (w: SQL | undefined) => sql<number>`(count(*) filter (where ${w ?? sql`true`}))::int`;
const secondsTo = (col: SQL | typeof requests.resolvedAt) => sql`extract(epoch from (${col} - ${requests.createdAt}))`;
const firstReferral = sql`(select min(e.at) from request_events e where e.tenant_id = ${requests.tenantId} and e.request_id = ${requests.id} and e.type in ('referred','refer'))`;

/** Has a deadline and was resolved: the part of "due" that does not depend on the clock. */
export const DUE_RESOLVED = sql`${requests.deadline} is not null and ${requests.resolvedAt} is not null`;
/** Has a deadline and no resolution: "due" once the deadline has passed (the rest of "due"). */
export const UNRESOLVED_DEADLINE = sql`${requests.resolvedAt} is null and ${requests.deadline} is not null`;

/** The clock-free counts of the service figures, as the rollup stores them (ADR 016). */
export interface ServiceCounts {
  all: number;
  open: number;
  resolved: number;
  dueResolved: number;
  unresolvedDeadline: number;
  onTime: number;
  reopened: number;
  duplicate: number;
  forwarded: number;
  rated: number;
  ratingSum: number;
}
export const SERVICE_COUNT_KEYS = ["all", "open", "resolved", "dueResolved", "unresolvedDeadline", "onTime", "reopened", "duplicate", "forwarded", "rated", "ratingSum"] as const satisfies ReadonlyArray<keyof ServiceCounts>;

/** Per message joined to its feedback: whether it counts in each clock-free group (the rollup fill groups these). */
export function serviceFlags(): Record<Exclude<keyof ServiceCounts, "ratingSum">, SQL> {
  const c: GroupContext = { now: new Date(0), targetHours: 0 }; // none of these groups reads the clock
  const g = (x: MessageGroup) => groupWhere(x, c) ?? sql`true`;
  return {
    all: sql`true`,
    open: g("open"),
    resolved: g("resolved"),
    dueResolved: DUE_RESOLVED,
    unresolvedDeadline: UNRESOLVED_DEADLINE,
    onTime: g("on_time"),
    reopened: g("reopened"),
    duplicate: g("duplicate"),
    forwarded: g("forwarded"),
    rated: sql`${requestFeedback.score} is not null`,
  };
}
/** The sum of feedback scores (1–5) of the rated messages. */
export const RATING_SUM = sql<number>`coalesce(sum(${requestFeedback.score}), 0)::int`;

/** Each count over requests left-joined to request_feedback. */
function serviceCountColumns(): Record<keyof ServiceCounts, SQL<number>> {
  const f = serviceFlags();
  const counts = Object.fromEntries(Object.entries(f).map(([k, w]) => [k, count(w)])) as Record<keyof typeof f, SQL<number>>;
  return { ...counts, ratingSum: RATING_SUM };
}

/** The clock-free service counts of messages registered in the range, from the messages themselves. */
export async function rawServiceCounts(tx: Tx, p: InsightScope): Promise<ServiceCounts> {
  const [row] = await tx
    .select(serviceCountColumns())
    .from(requests)
    .leftJoin(requestFeedback, and(eq(requestFeedback.tenantId, requests.tenantId), eq(requestFeedback.requestId, requests.id)))
    .where(scopeWhere(p));
  return row!;
}

/**
 * Messages of the range without a resolution whose deadline is still ahead at `now`: "due" is
 * due-and-resolved + unresolved-with-deadline − these (few: found by deadline, read raw).
 */
export async function deadlineAhead(tx: Tx, p: InsightScope & { now: Date }) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(scopeWhere(p), UNRESOLVED_DEADLINE, sql`${requests.deadline} >= ${iso(p.now)}`));
  return row?.n ?? 0;
}

/** core's hoursBucket in SQL: whole hours to 72, six hours to 168, whole days beyond; null stays null. */
export function hoursBucketSql(seconds: SQL): SQL<number | null> {
  const h = sql`ceil((${seconds})::numeric / 3600)`;
  return sql<number | null>`(case when ${h} <= 72 then greatest(${h}, 0) when ${h} <= 168 then ceil(${h} / 6) * 6 else ceil(${h} / 24) * 24 end)::int`;
}
export const HOURS_MEASURES = ["resolution", "referral"] as const;
export type HoursMeasure = (typeof HOURS_MEASURES)[number];
/** Per message: the measure names and their buckets, unnested side by side (a message without a referral has a null bucket). */
export const hoursColumns = () => ({
  measure: sql<HoursMeasure>`unnest(array['resolution','referral'])`,
  hours: sql<number | null>`unnest(array[${hoursBucketSql(secondsTo(requests.resolvedAt))}, ${hoursBucketSql(secondsTo(firstReferral))}])`,
});

/** Times to resolution and to first referral of the range's messages, as hours buckets. */
export async function rawHours(tx: Tx, p: InsightScope): Promise<Array<{ measure: HoursMeasure; hours: number; n: number }>> {
  const h = hoursColumns();
  const inner = tx.select({ measure: h.measure.as("measure"), hours: h.hours.as("hours") }).from(requests).where(scopeWhere(p)).as("m");
  return tx
    .select({ measure: inner.measure, hours: sql<number>`${inner.hours}`, n: sql<number>`count(*)::int` })
    .from(inner)
    .where(sql`${inner.hours} is not null`)
    .groupBy(inner.measure, inner.hours);
}

/** Open messages now (any registration date) by hours waited, in core's ageing buckets. */
export async function openAgeing(tx: Tx, p: InsightScope & { now: Date }) {
  const hours = sql`extract(epoch from (${iso(p.now)} - ${requests.createdAt})) / 3600`;
  const bucket = sql<string>`case when ${hours} < 24 then 'lt1d' when ${hours} < 72 then 'd1to3' when ${hours} < 168 then 'd3to7' when ${hours} < 720 then 'd7to30' else 'gt30d' end`;
  return tx
    .select({ bucket, count: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(scopeWhere({ ...p, from: undefined, to: undefined }), OPEN))
    // By position: the instant is a parameter, so the expression would not match itself.
    .groupBy(sql`1`);
}

/** The messages behind a figure, newest first, with how many there are. */
export async function listFigureMessages(
  tx: Tx,
  p: InsightScope & GroupContext & { group: MessageGroup; ageHours?: { min: number; max: number | null }; limit: number; offset: number; total?: number },
) {
  const hours = sql`extract(epoch from (${iso(p.now)} - ${requests.createdAt})) / 3600`;
  const where = and(
    scopeWhere(p),
    groupWhere(p.group, p),
    p.ageHours ? sql`${hours} >= ${p.ageHours.min}` : undefined,
    p.ageHours?.max != null ? sql`${hours} < ${p.ageHours.max}` : undefined,
  );
  // The total may come from the rollup (rolledFigureTotal): the same number as the figure, without counting a year of messages.
  const [total] = p.total !== undefined ? [{ n: p.total }] : await tx.select({ n: sql<number>`count(*)::int` }).from(requests).where(where);
  const rows = await tx
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      channel: requests.channel,
      categoryId: requests.categoryId,
      regionId: requests.regionId,
      unitId: requests.unitId,
      status: requests.status,
      createdAt: requests.createdAt,
      deadline: requests.deadline,
      resolvedAt: requests.resolvedAt,
      description: requests.description,
    })
    .from(requests)
    .where(where)
    .orderBy(desc(requests.createdAt), asc(requests.seq))
    .limit(p.limit)
    .offset(p.offset);
  return { total: total?.n ?? 0, rows };
}
