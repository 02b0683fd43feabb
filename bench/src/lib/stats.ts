/** Latency summary from raw samples (ms): sorted-array percentiles, exact for the sample. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samplesMs: number[]): LatencySummary {
  const s = Float64Array.from(samplesMs).sort();
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN);
  const round = (x: number) => Math.round(x * 100) / 100;
  let sum = 0;
  for (const x of s) sum += x;
  return { count: s.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(s.length ? s[s.length - 1]! : NaN), mean: round(sum / (s.length || 1)) };
}

/** A plain text table for the terminal. */
export function printTable(rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? ""));
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(width[i]!)).join("  ");
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}
