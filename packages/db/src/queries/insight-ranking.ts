import { and, eq, gte, lt, ne, notInArray, sql, type SQL } from "drizzle-orm";
import { DEFAULT_FORMULA, type ScoreFacts } from "@city137/core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { insightDailyScore, insightDirtyDays, requestFeedback, requests, scoringFormulas } from "../schema";
import { dayStart, groupWhere, onDays, serviceFlags, tehranDay, UNRESOLVED_DEADLINE } from "./insight";
import { scoreFacts } from "./scoring";

/*
 * Rankings read from the daily rollup (docs/decisions/025). insight_daily_score
 * holds, per Tehran day and unit or region, the clock-free scoring counts of
 * the day's messages, filled with the very predicates of the raw ranking
 * (scoreFacts: groupWhere, serviceFlags). A ranking adds up the days the rollup
 * holds current, reads stale days (marked by the triggers, or written before the
 * formula's target hours existed) from the messages, and subtracts the few
 * unresolved messages whose deadline is still ahead, read raw, from "due".
 */

export type ScoreLevel = "unit" | "region";
const keyOf = (by: ScoreLevel) => (by === "unit" ? requests.unitId : requests.regionId);
const NO_CLOCK = { now: new Date(0), targetHours: 0 }; // for groups that do not read the clock or the target

/** The target hours the rollup counts "resolved in target" for: every version of the city's formula and the built-in default. */
export async function scoreTargets(tx: Tx, p: { tenantId: string }) {
  const rows = await tx.selectDistinct({ h: scoringFormulas.targetHours }).from(scoringFormulas).where(eq(scoringFormulas.tenantId, p.tenantId));
  return [...new Set([DEFAULT_FORMULA.targetHours, ...rows.map((r) => r.h)])].sort((a, b) => a - b);
}

/** Per message, whether it counts in each clock-free scoring count (all behind the "scored" group, as scoreFacts counts them). */
function scoreFlags(targets: number[]) {
  const scored = groupWhere("scored", NO_CLOCK)!;
  const f = serviceFlags();
  return {
    scored,
    counts: {
      dueResolved: sql`${scored} and ${f.dueResolved}`,
      unresolvedDeadline: sql`${scored} and ${f.unresolvedDeadline}`,
      onTime: sql`${scored} and ${f.onTime}`,
      resolved: sql`${scored} and ${f.resolved}`,
      reopened: sql`${scored} and ${f.reopened}`,
      ratings: sql`${scored} and ${f.rated}`,
    },
    inTarget: targets.map((h) => sql`${scored} and ${groupWhere("resolved_in_target", { ...NO_CLOCK, targetHours: h })}`),
  };
}
const COUNT_COLUMNS = { dueResolved: "n_due_resolved", unresolvedDeadline: "n_unresolved_deadline", onTime: "n_on_time", resolved: "n_resolved", reopened: "n_reopened", ratings: "n_ratings" } as const;

/** Writes the score rows of the messages matching `where` (rebuildInsight has deleted those days' rows). */
export async function fillScoreRows(tx: Tx, p: { tenantId: string; where: SQL | undefined }) {
  const targets = await scoreTargets(tx, p);
  const f = scoreFlags(targets);
  const names = Object.keys(COUNT_COLUMNS) as Array<keyof typeof COUNT_COLUMNS>;
  // One pass: per message its unit and region and its flags, grouped by day and unit and by day and region.
  await tx.execute(sql`
    insert into insight_daily_score (tenant_id, day, level, key, n_volume, ${sql.join(names.map((k) => sql.identifier(COUNT_COLUMNS[k])), sql`, `)}, rating_sum, targets, n_in_target)
    select tenant_id, day, case when grouping(unit_key) = 0 then 'unit' else 'region' end, coalesce(unit_key, region_key),
      count(*) filter (where scored),
      ${sql.join(names.map((k) => sql`count(*) filter (where ${sql.identifier(`f_${k}`)})`), sql`, `)},
      coalesce(sum(score) filter (where scored), 0)::int,
      ${sql.raw(`'{${targets.join(",")}}'`)}::int[],
      array[${sql.join(targets.map((_, i) => sql`count(*) filter (where ${sql.identifier(`t${i}`)})`), sql`, `)}]::int[]
    from (
      select ${requests.tenantId} as tenant_id, ${tehranDay} as day, ${requests.unitId}::text as unit_key, ${requests.regionId}::text as region_key,
        ${f.scored} as scored, ${requestFeedback.score} as score,
        ${sql.join(names.map((k) => sql`${f.counts[k]} as ${sql.identifier(`f_${k}`)}`), sql`, `)},
        ${sql.join(f.inTarget.map((w, i) => sql`${w} as ${sql.identifier(`t${i}`)}`), sql`, `)}
      from ${requests}
      left join ${requestFeedback} on ${requestFeedback.tenantId} = ${requests.tenantId} and ${requestFeedback.requestId} = ${requests.id}
      where ${and(p.where, ne(requests.kind, "corruption_report"), sql`(${requests.unitId} is not null or ${requests.regionId} is not null)`)}
    ) m
    group by grouping sets ((tenant_id, day, unit_key), (tenant_id, day, region_key))
    having case when grouping(unit_key) = 0 then unit_key is not null else region_key is not null end`);
}

type Facts = Omit<ScoreFacts, "due"> & { dueResolved: number; unresolvedDeadline: number };
const num = (x: unknown) => Number(x ?? 0);

/** The clock-free scoring counts per unit or region of the messages registered on the given days, from the messages. */
async function rawScoreCounts(tx: Tx, p: { tenantId: string; by: ScoreLevel; days: number[]; targetHours: number }): Promise<Facts[]> {
  const key = keyOf(p.by);
  const f = scoreFlags([p.targetHours]);
  const n = (w: SQL) => sql<number>`(count(*) filter (where ${w}))::int`;
  return tx
    .select({
      id: sql<string>`${key}::text`,
      volume: n(f.scored),
      dueResolved: n(f.counts.dueResolved),
      unresolvedDeadline: n(f.counts.unresolvedDeadline),
      onTime: n(f.counts.onTime),
      resolved: n(f.counts.resolved),
      resolvedInTarget: n(f.inTarget[0]!),
      reopened: n(f.counts.reopened),
      ratings: n(f.counts.ratings),
      ratingSum: sql<number>`coalesce(sum(${requestFeedback.score}) filter (where ${f.scored}), 0)::int`,
    })
    .from(requests)
    .leftJoin(requestFeedback, and(eq(requestFeedback.tenantId, requests.tenantId), eq(requestFeedback.requestId, requests.id)))
    .where(and(eq(requests.tenantId, p.tenantId), ne(requests.kind, "corruption_report"), onDays(p.days), sql`${key} is not null`))
    .groupBy(key);
}

/**
 * A ranking's facts per unit or region for the messages registered on Tehran days [fromDay, toDay),
 * equal to scoreFacts over the same instants. `rollup: false` reads everything from the messages.
 */
export async function rankingFacts(
  tx: Tx,
  p: { tenantId: string; by: ScoreLevel; fromDay: number; toDay: number; now: Date; targetHours: number; rollup?: boolean },
): Promise<ScoreFacts[]> {
  const from = dayStart(p.fromDay);
  const to = dayStart(p.toDay);
  if (p.rollup === false) return scoreFacts(tx, { tenantId: p.tenantId, by: p.by, from, to, now: p.now, targetHours: p.targetHours });
  const s = insightDailyScore;
  const inRange = (day: typeof s.day | typeof insightDirtyDays.day) => and(gte(day, p.fromDay), lt(day, p.toDay));
  // Stale: marked by the triggers, or written before this target hours was among the city's formulas.
  const staleRows = await tx
    .select({ day: insightDirtyDays.day })
    .from(insightDirtyDays)
    .where(and(eq(insightDirtyDays.tenantId, p.tenantId), inRange(insightDirtyDays.day)))
    .union(
      tx
        .select({ day: s.day })
        .from(s)
        .where(and(eq(s.tenantId, p.tenantId), eq(s.level, p.by), inRange(s.day), sql`not (${p.targetHours}::int = any(${s.targets}))`)),
    );
  const stale = staleRows.map((r) => r.day);
  const sum = (c: SQL | AnyPgColumn) => sql<number>`coalesce(sum(${c}), 0)::int`;
  const rolled = await tx
    .select({
      id: s.key,
      volume: sum(s.volume),
      dueResolved: sum(s.dueResolved),
      unresolvedDeadline: sum(s.unresolvedDeadline),
      onTime: sum(s.onTime),
      resolved: sum(s.resolved),
      resolvedInTarget: sum(sql`${s.inTarget}[array_position(${s.targets}, ${p.targetHours}::int)]`),
      reopened: sum(s.reopened),
      ratings: sum(s.ratings),
      ratingSum: sum(s.ratingSum),
    })
    .from(s)
    .where(and(eq(s.tenantId, p.tenantId), eq(s.level, p.by), inRange(s.day), stale.length ? notInArray(s.day, stale) : undefined))
    .groupBy(s.key);
  const fresh = stale.length ? await rawScoreCounts(tx, { tenantId: p.tenantId, by: p.by, days: stale, targetHours: p.targetHours }) : [];
  // "Due" is clock-dependent: resolved with a deadline, or unresolved with one already passed at `now` (ADR 016).
  const key = keyOf(p.by);
  const ahead = await tx
    .select({ id: sql<string>`${key}::text`, n: sql<number>`count(*)::int` })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        UNRESOLVED_DEADLINE,
        sql`${requests.deadline} >= ${p.now.toISOString()}::timestamptz`,
        gte(requests.createdAt, from),
        lt(requests.createdAt, to),
        ne(requests.kind, "corruption_report"),
        groupWhere("scored", NO_CLOCK),
        sql`${key} is not null`,
      ),
    )
    .groupBy(key);
  const byId = new Map<string, Facts>();
  const FIELDS = ["volume", "dueResolved", "unresolvedDeadline", "onTime", "resolved", "resolvedInTarget", "reopened", "ratings", "ratingSum"] as const;
  for (const r of [...rolled, ...fresh]) {
    const cur = byId.get(r.id);
    if (!cur) byId.set(r.id, Object.fromEntries([["id", r.id], ...FIELDS.map((k) => [k, num(r[k])])]) as Facts);
    else for (const k of FIELDS) cur[k] += num(r[k]);
  }
  const aheadOf = new Map(ahead.map((a) => [a.id, num(a.n)]));
  return [...byId.values()].map(({ dueResolved, unresolvedDeadline, ...f }) => ({ ...f, due: dueResolved + unresolvedDeadline - (aheadOf.get(f.id) ?? 0) }));
}
