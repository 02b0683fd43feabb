import { bucketOfDay, growthPercent, isoDateOfDay, percent, roundHours, sameRangeLastYear, AGEING_BUCKETS, type Granularity, type RequestScope } from "@city137/core";
import { corruptionCount, openAgeing, serviceFigures, volumeByDay, type Tx } from "@city137/db";
import type { InsightDashboardInput } from "@city137/validators";
import { dayRange } from "./range";

type DayRow = { day: number; key: string; count: number };

/** Day rows rolled up into buckets, each with the first and last day that had messages (the drill-down range). */
export function rollUp(rows: DayRow[], g: Granularity) {
  const out = new Map<string, { bucket: string; key: string; count: number; fromDay: number; toDay: number }>();
  for (const r of rows) {
    const bucket = bucketOfDay(r.day, g);
    const id = `${bucket}\u0000${r.key}`;
    const cur = out.get(id);
    if (cur) {
      cur.count += r.count;
      cur.fromDay = Math.min(cur.fromDay, r.day);
      cur.toDay = Math.max(cur.toDay, r.day);
    } else out.set(id, { bucket, key: r.key, count: r.count, fromDay: r.day, toDay: r.day });
  }
  return [...out.values()].map((b) => ({ bucket: b.bucket, key: b.key, count: b.count, from: isoDateOfDay(b.fromDay), to: isoDateOfDay(b.toDay) }));
}

const byKey = (rows: DayRow[]) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.count);
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
};

/** Every figure of the dashboard for a range, within what the viewer may see. */
export async function dashboard(tx: Tx, p: { tenantId: string; scope: RequestScope; now: Date; input: InsightDashboardInput }) {
  const r = dayRange(p.input.from, p.input.to);
  const base = { tenantId: p.tenantId, scope: p.scope, from: r.from, to: r.to };
  const last = sameRangeLastYear(r.fromDay, r.toDay);
  const lastRange = dayRange(isoDateOfDay(last.fromDay), isoDateOfDay(last.toDay - 1));
  const volume = await volumeByDay(tx, { ...base, dimension: p.input.dimension });
  const shifts = byKey(await volumeByDay(tx, { ...base, dimension: "shift" }));
  const categories = byKey(await volumeByDay(tx, { ...base, dimension: "category" }));
  const lastYear = (await volumeByDay(tx, { ...base, from: lastRange.from, to: lastRange.to, dimension: "none" })).reduce((a, x) => a + x.count, 0);
  const s = await serviceFigures(tx, { ...base, now: p.now, targetHours: 72 });
  const ageing = await openAgeing(tx, { ...base, now: p.now });
  const total = volume.reduce((a, x) => a + x.count, 0);
  return {
    from: p.input.from,
    to: p.input.to,
    granularity: p.input.granularity,
    dimension: p.input.dimension,
    total,
    series: rollUp(volume, p.input.granularity),
    totals: byKey(volume),
    shifts: (["morning", "noon", "night"] as const).map((key) => {
      const count = shifts.find((x) => x.key === key)?.count ?? 0;
      return { key, count, share: percent(count, total) };
    }),
    topCategories: categories.slice(0, 10),
    lastYear: { from: isoDateOfDay(last.fromDay), to: isoDateOfDay(last.toDay - 1), total: lastYear, growth: growthPercent(total, lastYear) },
    service: {
      counts: { all: s.all, open: s.open, resolved: s.resolved, due: s.due, onTime: s.onTime, late: s.late, reopened: s.reopened, duplicate: s.duplicate, forwarded: s.forwarded, rated: s.rated },
      compliance: percent(s.onTime, s.due),
      reopenRate: percent(s.reopened, s.resolved),
      duplicateRate: percent(s.duplicate, s.all),
      forwardedRate: percent(s.forwarded, s.all),
      satisfaction: s.rated === 0 ? null : Math.round((s.ratingSum / s.rated) * 100) / 100,
      referralHours: { p50: roundHours(s.referralP50), p90: roundHours(s.referralP90) },
      resolutionHours: { p50: roundHours(s.resolutionP50), p90: roundHours(s.resolutionP90) },
    },
    backlog: AGEING_BUCKETS.map((b) => ({ key: b.key, count: ageing.find((x) => x.bucket === b.key)?.count ?? 0 })),
    /** Non-inspectors learn only how many corruption reports there were; inspectors have them in every figure. */
    corruptionReports: p.scope.corruption ? null : await corruptionCount(tx, { tenantId: p.tenantId, from: r.from, to: r.to }),
  };
}
