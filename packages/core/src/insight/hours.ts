/**
 * Times to referral and resolution are kept as a histogram of hours buckets
 * (docs/decisions/016), so a year's percentile is read from daily rows:
 * whole hours up to three days, six hours up to a week, whole days beyond.
 * A bucket is named by its upper bound: a message resolved after 2 h 10 min
 * is in bucket 3 ("within 3 hours").
 */
export function hoursBucket(seconds: number): number {
  const h = Math.ceil(seconds / 3600);
  if (h <= 72) return Math.max(h, 0);
  if (h <= 168) return Math.ceil(h / 6) * 6;
  return Math.ceil(h / 24) * 24;
}

/**
 * The discrete percentile of a histogram (as Postgres' percentile_disc): the
 * smallest bucket whose running count reaches ceil(p × n); null when empty.
 */
export function histogramPercentile(buckets: ReadonlyArray<{ hours: number; n: number }>, p: number): number | null {
  const sorted = [...buckets].filter((b) => b.n > 0).sort((a, b) => a.hours - b.hours);
  const total = sorted.reduce((a, b) => a + b.n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.n;
    if (seen >= rank) return b.hours;
  }
  return sorted[sorted.length - 1]!.hours;
}
