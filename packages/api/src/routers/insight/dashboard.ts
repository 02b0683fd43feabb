import { bucketOfDay, growthPercent, histogramPercentile, isoDateOfDay, percent, sameRangeLastYear, AGEING_BUCKETS, type Granularity, type RequestScope } from "@city137/core";
import { figureSource, type BucketRow, type Tx } from "@city137/db";
import type { InsightDashboardInput } from "@city137/validators";
import { dayRange } from "./range";

/** A bucket's rows as the chart and its drill-down read them (each day's date computed once: a year by week and unit has thousands of rows). */
const asSeries = (rows: BucketRow[]) => {
  const dates = new Map<number, string>();
  const iso = (day: number) => {
    let d = dates.get(day);
    if (d === undefined) dates.set(day, (d = isoDateOfDay(day)));
    return d;
  };
  return rows.map((b) => ({ bucket: b.bucket, key: b.key, count: b.count, from: iso(b.fromDay), to: iso(b.toDay) }));
};

/** Jalali bucket names per day, each computed once. */
function bucketNamer(g: Granularity) {
  const names = new Map<number, string>();
  return (day: number) => {
    let n = names.get(day);
    if (n === undefined) names.set(day, (n = bucketOfDay(day, g)));
    return n;
  };
}

const sortByCount = (rows: Array<{ key: string; count: number }>) => [...rows].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
const byKey = (rows: Array<{ key: string; count: number }>) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.count);
  return sortByCount([...m.entries()].map(([key, count]) => ({ key, count })));
};

/**
 * Every figure of the dashboard for a range, within what the viewer may see.
 * rollup: read the daily rollup where it is current (the default); false reads
 * every figure from the messages (the exactness test compares the two).
 */
export async function dashboard(tx: Tx, p: { tenantId: string; scope: RequestScope; now: Date; input: InsightDashboardInput; rollup?: boolean }) {
  const r = dayRange(p.input.from, p.input.to);
  const last = sameRangeLastYear(r.fromDay, r.toDay);
  const src = await figureSource(tx, { tenantId: p.tenantId, scope: p.scope, fromDay: r.fromDay, toDay: r.toDay, rollup: p.rollup ?? true });
  const series = await src.series(p.input.dimension, bucketNamer(p.input.granularity));
  const shifts = sortByCount(await src.totals("shift"));
  const categories = sortByCount(await src.totals("category"));
  const lastYear = (await src.volume("none", last)).reduce((a, x) => a + x.count, 0);
  const s = await src.counts();
  // due: resolved with a deadline, or unresolved with one that has passed (ADR 016)
  const due = s.dueResolved + s.unresolvedDeadline - (await src.deadlineAhead(p.now));
  const hours = await src.hours();
  const pct = (measure: "resolution" | "referral") => {
    const h = hours.filter((x) => x.measure === measure);
    return { p50: histogramPercentile(h, 0.5), p90: histogramPercentile(h, 0.9) };
  };
  const ageing = await src.ageing(p.now);
  const total = series.reduce((a, x) => a + x.count, 0);
  return {
    from: p.input.from,
    to: p.input.to,
    granularity: p.input.granularity,
    dimension: p.input.dimension,
    total,
    series: asSeries(series).sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    totals: byKey(series),
    shifts: (["morning", "noon", "night"] as const).map((key) => {
      const count = shifts.find((x) => x.key === key)?.count ?? 0;
      return { key, count, share: percent(count, total) };
    }),
    topCategories: categories.slice(0, 10),
    lastYear: { from: isoDateOfDay(last.fromDay), to: isoDateOfDay(last.toDay - 1), total: lastYear, growth: growthPercent(total, lastYear) },
    service: {
      counts: { all: s.all, open: s.open, resolved: s.resolved, due, onTime: s.onTime, late: due - s.onTime, reopened: s.reopened, duplicate: s.duplicate, forwarded: s.forwarded, rated: s.rated },
      compliance: percent(s.onTime, due),
      reopenRate: percent(s.reopened, s.resolved),
      duplicateRate: percent(s.duplicate, s.all),
      forwardedRate: percent(s.forwarded, s.all),
      satisfaction: s.rated === 0 ? null : Math.round((s.ratingSum / s.rated) * 100) / 100,
      /** Percentiles in whole hours as hours buckets (core's hoursBucket; ADR 016): "the median message was referred within N hours". */
      referralHours: pct("referral"),
      resolutionHours: pct("resolution"),
    },
    backlog: AGEING_BUCKETS.map((b) => ({ key: b.key, count: ageing.find((x) => x.bucket === b.key)?.count ?? 0 })),
    /** Non-inspectors learn only how many corruption reports there were; inspectors have them in every figure. */
    corruptionReports: p.scope.corruption ? null : await src.corruptionCount(),
  };
}
