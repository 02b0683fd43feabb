import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { coverRange } from "@city137/core";
import { intArray, textArray } from "./lists";
import { rowsOf } from "./rows";
import type { Tx } from "../client";
import { dayStart, iso, onDaysOf, runsOf } from "./insight";
import { insightCitizenDaily, insightCitizenDirtyDays, insightCitizenWeeks, requests } from "../schema";

type CitizenRow = { mobile: string; confirmed: number; accepted: number; feedback: number; supports: number; points: number };
export type EngagedCitizen = CitizenRow;

const dayOf = (col: SQL) => sql`((extract(epoch from ${col})::bigint + 12600) / 86400)::int`;

/**
 * The counts behind a citizen's points, per mobile and Tehran day, each on the day of its own
 * instant, for the instants `when` accepts: the raw ranking (a range, perhaps only some days)
 * and the rollup's fill use this one SQL, so the two cannot drift (docs/decisions/026).
 * Messages the city confirmed (resolved or closed) and other accepted ones; feedback given on
 * their messages; "me too" supports. Rejected and duplicate messages and corruption reports
 * (whose reporters are protected) do not count; feedback counts whatever the message's state.
 */
function citizenDayCounts(tenantId: string, when: (col: SQL) => SQL, perDay = true) {
  // Per mobile and day (the rollup's rows), or per mobile only (the raw ranking: a smaller aggregate).
  const day = (col: SQL) => (perDay ? sql`${dayOf(col)}` : sql`0`);
  return sql`
    select mobile, day, sum(confirmed)::int as confirmed, sum(accepted)::int as accepted, sum(feedback)::int as feedback, sum(supports)::int as supports
    from (
      select citizen_mobile as mobile, ${day(sql`created_at`)} as day,
             count(*) filter (where status in ('resolved','closed'))::int as confirmed,
             count(*) filter (where status not in ('resolved','closed'))::int as accepted,
             0 as feedback, 0 as supports
      from requests
      where tenant_id = ${tenantId} and citizen_mobile is not null and kind <> 'corruption_report'
        and status not in ('rejected','duplicate') and ${when(sql`created_at`)}
      group by 1, 2
      union all
      select r.citizen_mobile, ${day(sql`f.created_at`)}, 0, 0, count(*)::int, 0
      from request_feedback f join requests r on r.tenant_id = f.tenant_id and r.id = f.request_id
      where f.tenant_id = ${tenantId} and r.citizen_mobile is not null and r.kind <> 'corruption_report' and ${when(sql`f.created_at`)}
      group by 1, 2
      union all
      select s.mobile, ${day(sql`s.created_at`)}, 0, 0, 0, count(*)::int
      from request_supporters s join requests r on r.tenant_id = s.tenant_id and r.id = s.request_id
      where s.tenant_id = ${tenantId} and s.mobile is not null and r.kind <> 'corruption_report' and r.status not in ('rejected','duplicate')
        and ${when(sql`s.created_at`)}
      group by 1, 2
    ) x
    group by mobile, day`;
}

const pointsOf = (r: Omit<CitizenRow, "points" | "mobile">) => 3 * r.confirmed + r.accepted + r.feedback + r.supports;
/** The ranking's total order: points, then confirmed messages, then mobile. */
const before = (a: CitizenRow, b: CitizenRow) => b.points - a.points || b.confirmed - a.confirmed || (a.mobile < b.mobile ? -1 : a.mobile > b.mobile ? 1 : 0);


/** Per-mobile sums of per-day count rows. */
function addUp(rows: Array<Omit<CitizenRow, "points">>, into = new Map<string, CitizenRow>()) {
  for (const r of rows) {
    const cur = into.get(r.mobile) ?? { mobile: r.mobile, confirmed: 0, accepted: 0, feedback: 0, supports: 0, points: 0 };
    cur.confirmed += Number(r.confirmed);
    cur.accepted += Number(r.accepted);
    cur.feedback += Number(r.feedback);
    cur.supports += Number(r.supports);
    cur.points = pointsOf(cur);
    into.set(r.mobile, cur);
  }
  return into;
}

/**
 * The most engaged citizens of [from, to), by mobile, read from the messages (ADR 013's
 * definition: 3 points per confirmed message, 1 per other accepted message, feedback and
 * support). The reference for the rollup path; still used for a city's short ranges.
 */
export async function rawEngagedCitizens(tx: Tx, p: { tenantId: string; from: Date; to: Date; limit: number; days?: number[] }): Promise<CitizenRow[]> {
  const when = (col: SQL) => and(sql`${col} >= ${iso(p.from)} and ${col} < ${iso(p.to)}`, p.days ? onDaysOf(col, p.days) : undefined)!;
  const res: unknown = await tx.execute(sql`
    select mobile, sum(confirmed)::int as confirmed, sum(accepted)::int as accepted, sum(feedback)::int as feedback, sum(supports)::int as supports,
           (3 * sum(confirmed) + sum(accepted) + sum(feedback) + sum(supports))::int as points
    from (${citizenDayCounts(p.tenantId, when, false)}) d
    group by mobile
    order by points desc, confirmed desc, mobile collate "C"
    limit ${p.limit}`);
  return rowsOf<CitizenRow>(res).map((r) => ({ mobile: r.mobile, confirmed: Number(r.confirmed), accepted: Number(r.accepted), feedback: Number(r.feedback), supports: Number(r.supports), points: Number(r.points) }));
}

/** The week of a Tehran day (weeks start on Saturday, as core's week spans; day 0, 1 Jan 1970, was a Thursday) and a week's first day. */
export const weekOf = (day: number) => Math.floor((day + 5) / 7);
const firstDayOf = (week: number) => 7 * week - 5;

/** (Re)writes the week rows of a city from its day rows, for the day rows `where` selects (whole weeks of them). */
const fillWeeks = (tx: Tx, tenantId: string, where: SQL) =>
  tx.execute(sql`
    insert into insight_citizen_weeks (tenant_id, mobile, week, n_confirmed, n_accepted, n_feedback, n_supports, points)
    select tenant_id, mobile, (day + 5) / 7, sum(n_confirmed)::int, sum(n_accepted)::int, sum(n_feedback)::int, sum(n_supports)::int,
           sum(3 * n_confirmed + n_accepted + n_feedback + n_supports)::int
    from insight_citizen_daily where tenant_id = ${tenantId} and ${where}
    group by tenant_id, mobile, (day + 5) / 7`);

/** Recomputes the citizen rollup of a city for the given Tehran days (all when none are given), and the weeks of the mobiles concerned. */
export async function rebuildCitizens(tx: Tx, p: { tenantId: string; days?: number[] }) {
  if (p.days && !p.days.length) return;
  if (!p.days) {
    await tx.delete(insightCitizenDaily).where(eq(insightCitizenDaily.tenantId, p.tenantId));
    await tx.delete(insightCitizenWeeks).where(eq(insightCitizenWeeks.tenantId, p.tenantId));
    await tx.execute(sql`
      insert into insight_citizen_daily (tenant_id, mobile, day, n_confirmed, n_accepted, n_feedback, n_supports)
      select ${p.tenantId}::uuid, mobile, day, confirmed, accepted, feedback, supports from (${citizenDayCounts(p.tenantId, () => sql`true`)}) d`);
    await fillWeeks(tx, p.tenantId, sql`true`);
    return;
  }
  const days = [...new Set(p.days)];
  // The mobiles whose weeks change: those with rows on these days before and after.
  const gone = await tx
    .delete(insightCitizenDaily)
    .where(and(eq(insightCitizenDaily.tenantId, p.tenantId), sql`${insightCitizenDaily.day} = any(${intArray(days)})`))
    .returning({ mobile: insightCitizenDaily.mobile });
  const added = rowsOf<{ mobile: string }>(
    await tx.execute(sql`
      insert into insight_citizen_daily (tenant_id, mobile, day, n_confirmed, n_accepted, n_feedback, n_supports)
      select ${p.tenantId}::uuid, mobile, day, confirmed, accepted, feedback, supports from (${citizenDayCounts(p.tenantId, (col) => onDaysOf(col, days))}) d
      returning mobile`),
  );
  const touched = [...new Set([...gone, ...added].map((r) => r.mobile))];
  if (!touched.length) return;
  const weeks = [...new Set(days.map(weekOf))];
  const [lo, hi] = [Math.min(...weeks), Math.max(...weeks)];
  await tx.delete(insightCitizenWeeks).where(and(eq(insightCitizenWeeks.tenantId, p.tenantId), sql`${insightCitizenWeeks.mobile} = any(${textArray(touched)})`, sql`${insightCitizenWeeks.week} = any(${intArray(weeks)})`));
  await fillWeeks(
    tx,
    p.tenantId,
    sql`mobile = any(${textArray(touched)}) and day >= ${firstDayOf(lo)} and day < ${firstDayOf(hi + 1)} and (day + 5) / 7 = any(${intArray(weeks)})`,
  );
}

/** Recomputes the citizen days marked stale for a city and clears the marks it read (committed ones only). */
export async function refreshCitizens(tx: Tx, p: { tenantId: string }) {
  const marked = await tx.delete(insightCitizenDirtyDays).where(eq(insightCitizenDirtyDays.tenantId, p.tenantId)).returning({ day: insightCitizenDirtyDays.day });
  const days = [...new Set(marked.map((m) => m.day))].sort((a, b) => a - b);
  await rebuildCitizens(tx, { tenantId: p.tenantId, days });
  return days;
}

/** Recomputes a city's whole citizen rollup and clears its marks. */
export async function rebuildCitizensCity(tx: Tx, p: { tenantId: string }) {
  await tx.delete(insightCitizenDirtyDays).where(eq(insightCitizenDirtyDays.tenantId, p.tenantId));
  await rebuildCitizens(tx, { tenantId: p.tenantId });
}

/** How many entries of each week's list are read per round at most (tests use small rounds to exercise the stop). */
const BATCH = 500;
/**
 * Below this many day rows in the range the messages answer directly (about 25,000 messages:
 * 30 days of a mid-sized city, ~30 ms), cheaper than reading candidates.
 */
const RAW_BELOW = 25_000;

/**
 * How a range is summed from the rollup: the weeks wholly inside it without a stale day from
 * their week rows, its other days (the partial weeks at its ends, the rest of a week with a
 * stale day) from their day rows, the stale days from the messages. Every week it touches bounds
 * its candidates.
 */
export function rangePlan(fromDay: number, toDay: number, stale: number[]) {
  const { spans, days } = coverRange({ fromDay, toDay, skip: stale, kinds: ["week"] });
  const touched = Array.from({ length: Math.max(0, weekOf(toDay - 1) - weekOf(fromDay) + 1) }, (_, k) => weekOf(fromDay) + k);
  return { whole: spans.map((w) => weekOf(w.start)), days, touched };
}

/**
 * The most engaged citizens of the Tehran days [fromDay, toDay) (docs/decisions/026, 031).
 * Exactly rawEngagedCitizens, read from the rollup: a mobile's points in the range are at most
 * the sum of its points in the weeks the range touches. Each week's list is read highest first
 * (the threshold algorithm): after each round, a mobile not yet read has at most the sum of the
 * points last read from each week's list, so reading stops once the table's last place beats
 * that sum. Candidates' exact points are summed from whole weeks and the remaining days, the
 * stale days from the messages.
 */
export async function engagedCitizens(
  tx: Tx,
  p: { tenantId: string; fromDay: number; toDay: number; limit: number; batch?: number; rawBelow?: number },
): Promise<CitizenRow[]> {
  // Rounds start at twice the table's length (a year's table is usually settled in the first) and double.
  let depth = p.batch ?? Math.min(BATCH, Math.max(2 * p.limit, 20));
  const rawBelow = p.rawBelow ?? RAW_BELOW;
  const from = dayStart(p.fromDay);
  const to = dayStart(p.toDay);
  if (p.toDay <= p.fromDay) return [];
  if (rawBelow > 0) {
    // A range with few counts (a short one, or a quiet city) is cheaper from the messages: count
    // its day rows, at most up to the threshold.
    const [few] = await tx.execute(sql`
      select count(*)::int as n from (
        select 1 from insight_citizen_daily where tenant_id = ${p.tenantId} and day >= ${p.fromDay} and day < ${p.toDay} limit ${rawBelow}
      ) x`).then((res) => rowsOf<{ n: number }>(res));
    if (Number(few?.n ?? 0) < rawBelow) return rawEngagedCitizens(tx, { tenantId: p.tenantId, from, to, limit: p.limit });
  }
  const staleRows = await tx
    .selectDistinct({ day: insightCitizenDirtyDays.day })
    .from(insightCitizenDirtyDays)
    .where(and(eq(insightCitizenDirtyDays.tenantId, p.tenantId), gte(insightCitizenDirtyDays.day, p.fromDay), lt(insightCitizenDirtyDays.day, p.toDay)));
  const stale = staleRows.map((r) => r.day);
  const plan = rangePlan(p.fromDay, p.toDay, stale);
  // The stale days, from the messages: every mobile with counts there is a candidate, whatever its bound.
  const fresh = new Map<string, CitizenRow>();
  if (stale.length) {
    const res: unknown = await tx.execute(
      sql`select mobile, sum(confirmed)::int as confirmed, sum(accepted)::int as accepted, sum(feedback)::int as feedback, sum(supports)::int as supports
          from (${citizenDayCounts(p.tenantId, (col) => and(sql`${col} >= ${iso(from)} and ${col} < ${iso(to)}`, onDaysOf(col, stale))!, false)}) d group by mobile`,
    );
    addUp(rowsOf<Omit<CitizenRow, "points">>(res), fresh);
  }
  const exact = async (mobiles: string[]) => {
    if (!mobiles.length) return new Map<string, CitizenRow>();
    const parts: SQL[] = [];
    if (plan.whole.length) {
      const [lo, hi] = [plan.whole[0]!, plan.whole[plan.whole.length - 1]!];
      const gaps = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k).filter((w) => !plan.whole.includes(w));
      parts.push(sql`
        select mobile, n_confirmed, n_accepted, n_feedback, n_supports from insight_citizen_weeks
        where tenant_id = ${p.tenantId} and mobile = any(${textArray(mobiles)}) and week >= ${lo} and week <= ${hi}
          ${gaps.length ? sql`and not (week = any(${intArray(gaps)}))` : sql``}`);
    }
    for (const [a, b] of runsOf(plan.days))
      parts.push(sql`
        select mobile, n_confirmed, n_accepted, n_feedback, n_supports from insight_citizen_daily
        where tenant_id = ${p.tenantId} and mobile = any(${textArray(mobiles)}) and day >= ${a} and day < ${b}`);
    const out = new Map<string, CitizenRow>();
    if (parts.length) {
      const res: unknown = await tx.execute(sql`
        select mobile, sum(n_confirmed)::int as confirmed, sum(n_accepted)::int as accepted, sum(n_feedback)::int as feedback, sum(n_supports)::int as supports
        from (${sql.join(parts, sql` union all `)}) x group by mobile`);
      addUp(rowsOf<Omit<CitizenRow, "points">>(res), out);
    }
    for (const m of mobiles) {
      const f = fresh.get(m);
      if (f) addUp([f], out);
    }
    return out;
  };
  const best: CitizenRow[] = [];
  const consider = (rows: Iterable<CitizenRow>) => {
    for (const r of rows) if (r.points > 0) best.push(r);
    best.sort(before);
    best.length = Math.min(best.length, p.limit);
  };
  const seen = new Set(fresh.keys());
  consider((await exact([...seen])).values());
  // Each touched week's list, read in its index order (points descending, mobile ascending) from where the last round stopped.
  // "desc nulls last" as the index is declared: plain "desc" (nulls first) made Postgres sort each whole week (~33,000 rows at full scale).
  const lists = plan.touched.map((week) => ({ week, points: 2_147_483_647, mobile: "0", done: false }));
  for (;;) {
    const open = lists.filter((l) => !l.done);
    if (!open.length) break;
    const page = rowsOf<{ week: number; mobile: string; points: number }>(
      await tx.execute(sql`
        select l.week, c.mobile, c.points
        from unnest(${intArray(open.map((l) => l.week))}, ${intArray(open.map((l) => l.points))}, ${textArray(open.map((l) => l.mobile))}) as l(week, after_points, after_mobile)
        cross join lateral (
          select mobile, points from insight_citizen_weeks c
          where c.tenant_id = ${p.tenantId} and c.week = l.week
            and (c.points < l.after_points or (c.points = l.after_points and c.mobile > l.after_mobile))
          order by c.points desc nulls last, c.mobile
          limit ${depth}
        ) c`),
    );
    const read = new Map<number, number>();
    const fresher: string[] = [];
    for (const r of page) {
      const l = lists.find((x) => x.week === Number(r.week))!;
      l.points = Number(r.points);
      l.mobile = r.mobile;
      read.set(l.week, (read.get(l.week) ?? 0) + 1);
      if (!seen.has(r.mobile)) {
        seen.add(r.mobile);
        fresher.push(r.mobile);
      }
    }
    for (const l of open) if ((read.get(l.week) ?? 0) < depth) l.done = true;
    consider((await exact(fresher)).values());
    // A mobile not read yet has at most the last points read from each list that has more.
    const bound = lists.reduce((sum, l) => sum + (l.done ? 0 : l.points), 0);
    if (best.length === p.limit && bound < best[best.length - 1]!.points) break;
    if (p.batch === undefined) depth = Math.min(BATCH, 2 * depth);
  }
  return best;
}

/**
 * Recurring problems for the council: messages per category and region in the
 * period and in the period before it (same length), largest first, with up to
 * three recent examples each. Corruption reports are left out.
 */
export async function councilProblems(tx: Tx, p: { tenantId: string; from: Date; to: Date; minCount: number; limit: number }) {
  const before = new Date(p.from.getTime() - (p.to.getTime() - p.from.getTime()));
  const base = and(eq(requests.tenantId, p.tenantId), sql`${requests.kind} <> 'corruption_report'`, sql`${requests.status} not in ('rejected','duplicate')`);
  const inPeriod = sql`${requests.createdAt} >= ${p.from.toISOString()}::timestamptz`;
  const groups = await tx
    .select({
      categoryId: requests.categoryId,
      regionId: sql<string | null>`${requests.regionId}::text`,
      count: sql<number>`(count(*) filter (where ${inPeriod}))::int`,
      previous: sql<number>`(count(*) filter (where not ${inPeriod}))::int`,
    })
    .from(requests)
    .where(and(base, gte(requests.createdAt, before), lt(requests.createdAt, p.to)))
    .groupBy(requests.categoryId, requests.regionId)
    .having(sql`count(*) filter (where ${inPeriod}) >= ${p.minCount}`)
    .orderBy(sql`count(*) filter (where ${inPeriod}) desc`, requests.categoryId)
    .limit(p.limit);
  const out = [];
  for (const g of groups) {
    const examples = await tx
      .select({ trackingCode: requests.trackingCode, description: requests.description, createdAt: requests.createdAt })
      .from(requests)
      .where(and(base, eq(requests.categoryId, g.categoryId), g.regionId ? sql`${requests.regionId} = ${g.regionId}::uuid` : sql`${requests.regionId} is null`, gte(requests.createdAt, p.from), lt(requests.createdAt, p.to)))
      .orderBy(desc(requests.createdAt))
      .limit(3);
    out.push({ ...g, examples });
  }
  return out;
}
