/** A share in per cent with one decimal, or null when the denominator is zero. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** How long open messages have waited, in hours since registration. */
export const AGEING_BUCKETS = [
  { key: "lt1d", maxHours: 24 },
  { key: "d1to3", maxHours: 72 },
  { key: "d3to7", maxHours: 168 },
  { key: "d7to30", maxHours: 720 },
  { key: "gt30d", maxHours: Number.POSITIVE_INFINITY },
] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number]["key"];

export function ageingBucket(hours: number): AgeingBucket {
  return AGEING_BUCKETS.find((b) => hours < b.maxHours)!.key;
}

/** [min, max) hours of an ageing bucket, for drill-down filters. */
export function ageingRange(key: AgeingBucket): { minHours: number; maxHours: number | null } {
  const i = AGEING_BUCKETS.findIndex((b) => b.key === key);
  const max = AGEING_BUCKETS[i]!.maxHours;
  return { minHours: i === 0 ? 0 : AGEING_BUCKETS[i - 1]!.maxHours, maxHours: Number.isFinite(max) ? max : null };
}

/** Hours with one decimal, or null. */
export function roundHours(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;
}
