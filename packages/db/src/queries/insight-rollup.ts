import { and, eq, gte, inArray, lt, notInArray, sql, type SQL } from "drizzle-orm";
import { AGEING_BUCKETS, ageingBucket, coverRange, type Dimension, type MessageGroup, type RequestScope, type Span } from "@city137/core";
import type { Tx } from "../client";
import { insightDaily, insightDailyCells, insightDailyHours, insightDailyScore, insightDirtyDays, insightSpan, insightSpanHours, requestFeedback, requests } from "../schema";
import {
  dayStart,
  deadlineAhead,
  dimensionKey,
  hoursColumns,
  onDays,
  openAgeing,
  rawHours,
  rawServiceCounts,
  SERVICE_COUNT_KEYS,
  serviceFlags,
  tehranDay,
  volumeByDay,
  type HoursMeasure,
  type ServiceCounts,
} from "./insight";
import { fillScoreRows, scoreTargets } from "./insight-ranking";
import { rebuildCitizensCity } from "./insight-citizens";
import { fillCellRows } from "./insight-map";
import { byKind, rewriteSpans, ROLLUP_DIMENSIONS, spansWhere } from "./insight-spans";

/*
 * The dashboards' daily rollup (docs/decisions/016). Filled from requests with
 * the very SQL of the raw figures (serviceCountColumns, dimensionKey,
 * hoursColumns); days whose messages changed since are marked by triggers and
 * read raw until the refresh job recomputes them, so a figure read through
 * the rollup is always the raw figure.
 */

const col = (d: string) => sql.identifier(`k_${d}`);

/** Recomputes the rollup of a city for the given Tehran days (all days when none are given). */
export async function rebuildInsight(tx: Tx, p: { tenantId: string; days?: number[] }) {
  if (p.days && !p.days.length) return;
  const days = p.days ? [...new Set(p.days)] : undefined;
  await tx.delete(insightDaily).where(and(eq(insightDaily.tenantId, p.tenantId), days ? inArray(insightDaily.day, days) : undefined));
  await tx.delete(insightDailyHours).where(and(eq(insightDailyHours.tenantId, p.tenantId), days ? inArray(insightDailyHours.day, days) : undefined));
  await tx.delete(insightDailyScore).where(and(eq(insightDailyScore.tenantId, p.tenantId), days ? inArray(insightDailyScore.day, days) : undefined));
  await tx.delete(insightDailyCells).where(and(eq(insightDailyCells.tenantId, p.tenantId), days ? inArray(insightDailyCells.day, days) : undefined));
  const where = and(eq(requests.tenantId, p.tenantId), days ? onDays(days) : undefined);
  const f = serviceFlags();
  // One pass over the messages per rebuild: a per-message row of keys and flags, grouped by every dimension at once.
  const flags = SERVICE_COUNT_KEYS.map((k) => (k === "ratingSum" ? sql`coalesce(${requestFeedback.score}, 0)` : f[k]));
  await tx.execute(sql`
    insert into insight_daily (tenant_id, day, dimension, key, corruption, ${sql.join(SERVICE_COUNT_KEYS.map((k) => sql.identifier(insightDaily[k].name)), sql`, `)})
    select tenant_id, day,
      case ${sql.join(ROLLUP_DIMENSIONS.map((d) => sql`when grouping(${col(d)}) = 0 then ${sql.raw(`'${d}'`)}`), sql` `)} else 'none' end,
      coalesce(${sql.join(ROLLUP_DIMENSIONS.map(col), sql`, `)}, ''),
      corruption,
      ${sql.join(SERVICE_COUNT_KEYS.map((k, i) => (k === "ratingSum" ? sql`sum(${sql.identifier(`f${i}`)})::int` : sql`count(*) filter (where ${sql.identifier(`f${i}`)})`)), sql`, `)}
    from (
      select ${requests.tenantId} as tenant_id, ${tehranDay} as day, ${requests.kind} = 'corruption_report' as corruption,
        ${sql.join(ROLLUP_DIMENSIONS.map((d) => sql`${dimensionKey(d)} as ${col(d)}`), sql`, `)},
        ${sql.join(flags.map((f, i) => sql`${f} as ${sql.identifier(`f${i}`)}`), sql`, `)}
      from ${requests}
      left join ${requestFeedback} on ${requestFeedback.tenantId} = ${requests.tenantId} and ${requestFeedback.requestId} = ${requests.id}
      where ${where}
    ) m
    group by grouping sets ((tenant_id, day, corruption), ${sql.join(ROLLUP_DIMENSIONS.map((d) => sql`(tenant_id, day, corruption, ${col(d)})`), sql`, `)})`);
  const h = hoursColumns();
  await tx.execute(sql`
    insert into insight_daily_hours (tenant_id, day, corruption, measure, hours, n)
    select tenant_id, day, corruption, measure, hours, count(*)::int from (
      select ${requests.tenantId} as tenant_id, ${tehranDay} as day, ${requests.kind} = 'corruption_report' as corruption, ${h.measure} as measure, ${h.hours} as hours
      from ${requests} where ${where}
    ) m
    where hours is not null
    group by tenant_id, day, corruption, measure, hours`);
  await fillScoreRows(tx, { tenantId: p.tenantId, where });
  await fillCellRows(tx, { tenantId: p.tenantId, where });
  await rewriteSpans(tx, { tenantId: p.tenantId, days });
}

/** Recomputes the days marked stale for a city and clears the marks it read; returns those days. */
export async function refreshInsight(tx: Tx, p: { tenantId: string }) {
  // Only committed marks are deleted: a writer still in flight keeps its mark for the next refresh.
  const marked = await tx.delete(insightDirtyDays).where(eq(insightDirtyDays.tenantId, p.tenantId)).returning({ day: insightDirtyDays.day });
  const days = [...new Set(marked.map((m) => m.day))].sort((a, b) => a - b);
  await rebuildInsight(tx, { tenantId: p.tenantId, days });
  // Score rows written before a formula version brought a new target hours: recount those days' score rows only.
  const targets = await scoreTargets(tx, p);
  const lacking = await tx
    .selectDistinct({ day: insightDailyScore.day })
    .from(insightDailyScore)
    .where(and(eq(insightDailyScore.tenantId, p.tenantId), sql`not (${insightDailyScore.targets} @> ${sql.raw(`'{${targets.join(",")}}'`)}::int[])`));
  const refill = lacking.map((r) => r.day);
  if (refill.length) {
    await tx.delete(insightDailyScore).where(and(eq(insightDailyScore.tenantId, p.tenantId), inArray(insightDailyScore.day, refill)));
    await fillScoreRows(tx, { tenantId: p.tenantId, where: and(eq(requests.tenantId, p.tenantId), onDays(refill)) });
  }
  return [...new Set([...days, ...refill])].sort((a, b) => a - b);
}

/** Recomputes a city's whole rollup (dashboards, rankings, engaged citizens) and clears its marks (the rebuild command and bench:generate). */
export async function rebuildInsightCity(tx: Tx, p: { tenantId: string }) {
  await tx.delete(insightDirtyDays).where(eq(insightDirtyDays.tenantId, p.tenantId));
  await rebuildInsight(tx, { tenantId: p.tenantId });
  await rebuildCitizensCity(tx, p);
}

/** Tehran days of [fromDay, toDay) marked stale for a city. */
export async function staleDays(tx: Tx, p: { tenantId: string; fromDay: number; toDay: number }) {
  const rows = await tx
    .selectDistinct({ day: insightDirtyDays.day })
    .from(insightDirtyDays)
    .where(and(eq(insightDirtyDays.tenantId, p.tenantId), gte(insightDirtyDays.day, p.fromDay), lt(insightDirtyDays.day, p.toDay)));
  return rows.map((r) => r.day);
}

export interface BucketRow {
  bucket: string;
  key: string;
  count: number;
  /** First and last day of the bucket that had messages (the drill-down range). */
  fromDay: number;
  toDay: number;
}

/** Day rows added up per bucket and key (stale days' rows, and the raw path). */
export function bucketDays(rows: Array<{ day: number; key: string; count: number }>, bucketOf: (day: number) => string, into = new Map<string, BucketRow>()) {
  addBucketRows(
    into,
    rows.map((r) => ({ bucket: bucketOf(r.day), key: r.key, count: r.count, fromDay: r.day, toDay: r.day })),
  );
  return into;
}

export interface FigureSource {
  /** Messages per bucket (bucketOf names a day's bucket) and key, for the chart. */
  series(dimension: Dimension, bucketOf: (day: number) => string): Promise<BucketRow[]>;
  volume(dimension: Dimension, range?: { fromDay: number; toDay: number }): Promise<Array<{ day: number; key: string; count: number }>>;
  /** Messages per key over the whole range (no day rows: cheaper for a total). */
  totals(dimension: Dimension): Promise<Array<{ key: string; count: number }>>;
  counts(): Promise<ServiceCounts>;
  hours(): Promise<Array<{ measure: HoursMeasure; hours: number; n: number }>>;
  /** Unresolved messages of the range whose deadline is still ahead at `now` (always read raw). */
  deadlineAhead(now: Date): Promise<number>;
  corruptionCount(): Promise<number>;
  /** Messages open at `now` (any registration day) per ageing bucket (core's AGEING_BUCKETS). */
  ageing(now: Date): Promise<Array<{ bucket: string; count: number }>>;
}


/**
 * Where a dashboard's figures come from for [fromDay, toDay): the rollup for
 * the days it holds current, the messages themselves for stale days; only
 * the messages for unit staff (the rollup is city-wide) or when rollup is off.
 */
export async function figureSource(tx: Tx, p: { tenantId: string; scope: RequestScope; fromDay: number; toDay: number; rollup: boolean }): Promise<FigureSource> {
  const base = { tenantId: p.tenantId, scope: p.scope };
  const rangeOf = (r: { fromDay: number; toDay: number }) => ({ ...base, from: dayStart(r.fromDay), to: dayStart(r.toDay) });
  const main = { fromDay: p.fromDay, toDay: p.toDay };
  if (!p.rollup || p.scope.units !== "all") {
    return {
      volume: (dimension, r = main) => volumeByDay(tx, { ...rangeOf(r), dimension }),
      series: async (dimension, bucketOf) => [...bucketDays(await volumeByDay(tx, { ...rangeOf(main), dimension }), bucketOf).values()],
      totals: async (dimension) => sumByKey(await volumeByDay(tx, { ...rangeOf(main), dimension })),
      counts: () => rawServiceCounts(tx, rangeOf(main)),
      hours: () => rawHours(tx, rangeOf(main)),
      deadlineAhead: (now) => deadlineAhead(tx, { ...rangeOf(main), now }),
      corruptionCount: () => rawCorruption(tx, { ...rangeOf(main), days: undefined }),
      ageing: (now) => openAgeing(tx, { ...base, now }),
    };
  }
  const staleCache = new Map<string, Promise<number[]>>();
  const stale = (r: { fromDay: number; toDay: number }) => {
    const k = `${r.fromDay}:${r.toDay}`;
    if (!staleCache.has(k)) staleCache.set(k, staleDays(tx, { tenantId: p.tenantId, ...r }));
    return staleCache.get(k)!;
  };
  const corruption = p.scope.corruption ? undefined : false;
  const dailyWhere = (r: { fromDay: number; toDay: number }, skip: number[], dimension: string, only = corruption) =>
    and(
      eq(insightDaily.tenantId, p.tenantId),
      eq(insightDaily.dimension, dimension),
      gte(insightDaily.day, r.fromDay),
      lt(insightDaily.day, r.toDay),
      only === undefined ? undefined : eq(insightDaily.corruption, only),
      skip.length ? notInArray(insightDaily.day, skip) : undefined,
    );
  const spanVolumeWhere = (spans: Span[], dimension: string) =>
    and(
      eq(insightSpan.tenantId, p.tenantId),
      eq(insightSpan.dimension, dimension),
      corruption === undefined ? undefined : eq(insightSpan.corruption, corruption),
      spansWhere(insightSpan, spans),
    );
  return {
    async volume(dimension, r = main) {
      const skip = await stale(r);
      const rolled = await tx
        .select({ day: insightDaily.day, key: insightDaily.key, count: sql<number>`sum(${insightDaily.all})::int` })
        .from(insightDaily)
        .where(dailyWhere(r, skip, dimension))
        .groupBy(insightDaily.day, insightDaily.key);
      const fresh = skip.length ? await volumeByDay(tx, { ...rangeOf(r), days: skip, dimension }) : [];
      return [...rolled, ...fresh].sort((a, b) => a.day - b.day);
    },
    async series(dimension, bucketOf) {
      const skip = await stale(main);
      // Whole weeks or months within one bucket from the span rows, the other current days from day rows, stale days from the messages (ADR 032).
      const plan = coverRange({ ...main, skip, bucketOf });
      const into = new Map<string, BucketRow>();
      if (plan.days.length) {
        // Each day's bucket is named here (Jalali weeks and months), and the database adds up per bucket.
        const map = sql`unnest(string_to_array(${plan.days.join(",")}, ',')::int[], string_to_array(${plan.days.map(bucketOf).join(",")}, ',')) as b(day, bucket)`;
        const rows = await tx
          .select({ bucket: sql<string>`b.bucket`, key: insightDaily.key, count: sql<number>`sum(${insightDaily.all})::int`, fromDay: sql<number>`min(${insightDaily.day})`, toDay: sql<number>`max(${insightDaily.day})` })
          .from(insightDaily)
          .innerJoin(map, sql`b.day = ${insightDaily.day}`)
          .where(dailyWhere(main, skip, dimension))
          .groupBy(sql`b.bucket`, insightDaily.key);
        addBucketRows(into, rows);
      }
      for (const spans of byKind(plan.spans)) {
        // A span lies in one bucket: its rows go to the chart as they are (summed here only for an inspector's two flags).
        const v = insightSpan;
        const rows = await tx.select({ startDay: v.startDay, key: v.key, count: v.all, fromDay: v.firstDay, toDay: v.lastDay }).from(v).where(spanVolumeWhere(spans, dimension));
        addBucketRows(
          into,
          rows.map((r) => ({ bucket: bucketOf(r.startDay), key: r.key, count: r.count, fromDay: r.fromDay, toDay: r.toDay })),
        );
      }
      if (skip.length) bucketDays(await volumeByDay(tx, { ...rangeOf(main), days: skip, dimension }), bucketOf, into);
      return [...into.values()];
    },
    async totals(dimension) {
      const skip = await stale(main);
      const plan = coverRange({ ...main, skip });
      const rolled = plan.days.length
        ? await tx
            .select({ key: insightDaily.key, count: sql<number>`sum(${insightDaily.all})::int` })
            .from(insightDaily)
            .where(and(dailyWhere(main, skip, dimension), inArray(insightDaily.day, plan.days)))
            .groupBy(insightDaily.key)
        : [];
      const spans = plan.spans.length
        ? await tx
            .select({ key: insightSpan.key, count: sql<number>`sum(${insightSpan.all})::int` })
            .from(insightSpan)
            .where(spanVolumeWhere(plan.spans, dimension))
            .groupBy(insightSpan.key)
        : [];
      const fresh = skip.length ? await volumeByDay(tx, { ...rangeOf(main), days: skip, dimension }) : [];
      return sumByKey([...rolled, ...spans, ...fresh]);
    },
    async counts() {
      const skip = await stale(main);
      const sums = Object.fromEntries(SERVICE_COUNT_KEYS.map((k) => [k, sql<number>`coalesce(sum(${insightDaily[k]}), 0)::int`])) as Record<keyof ServiceCounts, SQL<number>>;
      const [rolled] = await tx.select(sums).from(insightDaily).where(dailyWhere(main, skip, "none"));
      const fresh = skip.length ? await rawServiceCounts(tx, { ...rangeOf(main), days: skip }) : null;
      return Object.fromEntries(SERVICE_COUNT_KEYS.map((k) => [k, Number(rolled![k]) + (fresh?.[k] ?? 0)])) as unknown as ServiceCounts;
    },
    async hours() {
      const skip = await stale(main);
      const plan = coverRange({ ...main, skip });
      const h = insightDailyHours;
      const rolled = plan.days.length
        ? await tx
            .select({ measure: sql<HoursMeasure>`${h.measure}`, hours: h.hours, n: sql<number>`sum(${h.n})::int` })
            .from(h)
            .where(and(eq(h.tenantId, p.tenantId), inArray(h.day, plan.days), corruption === undefined ? undefined : eq(h.corruption, corruption)))
            .groupBy(h.measure, h.hours)
        : [];
      const s = insightSpanHours;
      const spans = plan.spans.length
        ? await tx
            .select({ measure: sql<HoursMeasure>`${s.measure}`, hours: s.hours, n: sql<number>`sum(${s.n})::int` })
            .from(s)
            .where(and(eq(s.tenantId, p.tenantId), spansWhere(s, plan.spans), corruption === undefined ? undefined : eq(s.corruption, corruption)))
            .groupBy(s.measure, s.hours)
        : [];
      const fresh = skip.length ? await rawHours(tx, { ...rangeOf(main), days: skip }) : [];
      return [...rolled, ...spans, ...fresh];
    },
    deadlineAhead: (now) => deadlineAhead(tx, { ...rangeOf(main), now }),
    async ageing(now) {
      // A day lies wholly in one age bucket unless a bucket's edge (now − N hours) falls in it: those
      // few days, and the stale ones, are read from the messages; every other day's open count from the rollup.
      const dayOf = (ms: number) => Math.floor((ms / 1000 + 12600) / 86400);
      const edges = AGEING_BUCKETS.filter((b) => Number.isFinite(b.maxHours)).map((b) => dayOf(now.getTime() - b.maxHours * 3_600_000));
      const marked = await tx.selectDistinct({ day: insightDirtyDays.day }).from(insightDirtyDays).where(eq(insightDirtyDays.tenantId, p.tenantId));
      const raw = [...new Set([...edges, ...marked.map((m) => m.day)])];
      const rolled = await tx
        .select({ day: insightDaily.day, n: sql<number>`sum(${insightDaily.open})::int` })
        .from(insightDaily)
        .where(
          and(
            eq(insightDaily.tenantId, p.tenantId),
            eq(insightDaily.dimension, "none"),
            corruption === undefined ? undefined : eq(insightDaily.corruption, corruption),
            notInArray(insightDaily.day, raw),
            sql`${insightDaily.open} > 0`,
          ),
        )
        .groupBy(insightDaily.day);
      const counts = new Map<string, number>();
      for (const r of rolled) {
        const bucket = ageingBucket((now.getTime() - dayStart(r.day).getTime()) / 3_600_000);
        counts.set(bucket, (counts.get(bucket) ?? 0) + Number(r.n));
      }
      for (const r of await openAgeing(tx, { ...base, days: raw, now })) counts.set(r.bucket, (counts.get(r.bucket) ?? 0) + Number(r.count));
      return [...counts.entries()].map(([bucket, count]) => ({ bucket, count }));
    },
    async corruptionCount() {
      const skip = await stale(main);
      const [rolled] = await tx
        .select({ n: sql<number>`coalesce(sum(${insightDaily.all}), 0)::int` })
        .from(insightDaily)
        .where(dailyWhere(main, skip, "none", true));
      return Number(rolled?.n ?? 0) + (skip.length ? await rawCorruption(tx, { ...rangeOf(main), days: skip }) : 0);
    },
  };
}

/** Bucket rows (from day or span rows) added into the chart's rows: counts summed, first and last day widened. */
function addBucketRows(into: Map<string, BucketRow>, rows: BucketRow[]) {
  for (const r of rows) {
    const id = `${r.bucket}\u0000${r.key}`;
    const row = { bucket: r.bucket, key: r.key, count: Number(r.count), fromDay: Number(r.fromDay), toDay: Number(r.toDay) };
    const cur = into.get(id);
    if (!cur) into.set(id, row);
    else {
      cur.count += row.count;
      cur.fromDay = Math.min(cur.fromDay, row.fromDay);
      cur.toDay = Math.max(cur.toDay, row.toDay);
    }
  }
}

/** Counts added up per key. */
function sumByKey(rows: Array<{ key: string; count: number }>) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + Number(r.count));
  return [...m.entries()].map(([key, count]) => ({ key, count }));
}

/** Corruption reports registered in the range, as a bare number. */
async function rawCorruption(tx: Tx, p: { tenantId: string; from: Date; to: Date; days: number[] | undefined }) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), eq(requests.kind, "corruption_report"), gte(requests.createdAt, p.from), lt(requests.createdAt, p.to), p.days ? onDays(p.days) : undefined));
  return row?.n ?? 0;
}

/** The groups whose size the rollup knows (with "due" and "late" completed by the raw deadlines still ahead). */
const ROLLED_GROUPS: Partial<Record<MessageGroup, (c: ServiceCounts, due: () => Promise<number>) => number | Promise<number>>> = {
  all: (c) => c.all,
  open: (c) => c.open,
  resolved: (c) => c.resolved,
  on_time: (c) => c.onTime,
  reopened: (c) => c.reopened,
  duplicate: (c) => c.duplicate,
  forwarded: (c) => c.forwarded,
  rated: (c) => c.rated,
  due: (_c, due) => due(),
  late: async (c, due) => (await due()) - c.onTime,
};

/**
 * How many messages a figure's drill-down lists, for a city-wide viewer and a range of Tehran days,
 * optionally one breakdown key: the same sum as the dashboard figure (rollup for current days, the
 * messages for stale days). Null when the rollup cannot say (unit staff, other groups).
 */
export async function rolledFigureTotal(
  tx: Tx,
  p: { tenantId: string; scope: RequestScope; fromDay: number; toDay: number; group: MessageGroup; slice?: { dimension: Dimension; key: string }; now: Date },
): Promise<number | null> {
  const of = ROLLED_GROUPS[p.group];
  if (!of || p.scope.units !== "all") return null;
  const dimension = p.slice?.dimension ?? "none";
  const range = { tenantId: p.tenantId, scope: p.scope, from: dayStart(p.fromDay), to: dayStart(p.toDay), slice: p.slice };
  const skip = await staleDays(tx, { tenantId: p.tenantId, fromDay: p.fromDay, toDay: p.toDay });
  const sums = Object.fromEntries(SERVICE_COUNT_KEYS.map((k) => [k, sql<number>`coalesce(sum(${insightDaily[k]}), 0)::int`])) as Record<keyof ServiceCounts, SQL<number>>;
  const [rolled] = await tx
    .select(sums)
    .from(insightDaily)
    .where(
      and(
        eq(insightDaily.tenantId, p.tenantId),
        eq(insightDaily.dimension, dimension),
        dimension === "none" ? undefined : eq(insightDaily.key, p.slice!.key),
        gte(insightDaily.day, p.fromDay),
        lt(insightDaily.day, p.toDay),
        p.scope.corruption ? undefined : eq(insightDaily.corruption, false),
        skip.length ? notInArray(insightDaily.day, skip) : undefined,
      ),
    );
  const fresh = skip.length ? await rawServiceCounts(tx, { ...range, days: skip }) : null;
  const c = Object.fromEntries(SERVICE_COUNT_KEYS.map((k) => [k, Number(rolled![k]) + (fresh?.[k] ?? 0)])) as unknown as ServiceCounts;
  return of(c, async () => c.dueResolved + c.unresolvedDeadline - (await deadlineAhead(tx, { ...range, now: p.now })));
}
