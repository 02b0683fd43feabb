/** What the map can shade districts by. */
export const MAP_MEASURE_KEYS = ["volume", "compliance", "satisfaction"] as const;
export type MapMeasureKey = (typeof MAP_MEASURE_KEYS)[number];

/**
 * Five shades by rank among the districts that have a value (0 lightest =
 * lowest, 4 darkest = highest); a district without a value gets none.
 */
export function shadeLevels(rows: Array<{ id: string; value: number | null }>): Map<string, number> {
  const withValue = rows.filter((r): r is { id: string; value: number } => r.value !== null).sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : 1));
  const out = new Map<string, number>();
  const max = withValue[withValue.length - 1]?.value;
  const min = withValue[0]?.value;
  for (const r of withValue) out.set(r.id, max === min ? 2 : Math.min(4, Math.floor(((r.value - min!) / (max! - min!)) * 5)));
  return out;
}
