/**
 * bench:report — the README's results table from bench/results/*.json.
 *
 *   npx -y pnpm@9.15.9 bench:report            prints the markdown
 *   npx -y pnpm@9.15.9 bench:report --write    also replaces the table between the markers in README.md
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "../lib/args";

const results = new URL("../../results/", import.meta.url);
const readme = new URL("../../../README.md", import.meta.url);
const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const load = (name: string): Json | null => (existsSync(new URL(`${name}.json`, results)) ? JSON.parse(readFileSync(new URL(`${name}.json`, results), "utf8")) : null);
const n = (x: number) => Math.round(x).toLocaleString("en");
const ms = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : x >= 100 ? n(x) : x.toFixed(1));
const day = (iso: string) => iso.slice(0, 10);
/** ✓ or ✗ against a ceiling; a figure that was not measured meets nothing. */
const mark = (x: number | null | undefined, limit: number) => (x === null || x === undefined || !Number.isFinite(x) ? "not measured" : x <= limit ? "✓" : "✗");

const lines: string[] = ["| benchmark | figure | target | result |", "|---|---|---|---|"];
const row = (...cells: string[]) => lines.push(`| ${cells.join(" | ")} |`);

const routing = load("routing-500-rules");
if (routing) row("routing decision, 500 rules", "mean per decision (worst / typical)", "well under 1 ms", `${(routing.worstCase.meanNs / 1000).toFixed(0)} µs / ${(routing.typical.meanNs / 1000).toFixed(0)} µs (${day(routing.date)})`);
const district = load("district-lookup-tehran");
if (district) row("district lookup, Tehran's 124 districts", "lookups per second, one core", "≥ 100,000/s", `${(district.opsPerSecond / 1e6).toFixed(1)} million/s (${district.meanNs} ns each) (${day(district.date)})`);

const gen = load("generate");
if (gen) {
  const cities = gen.perCity.map((c: Json) => `${c.city} ${(c.requests / 1e6).toFixed(1)} M`).join(", ");
  row("bench:generate, full scale", `${n(gen.rows.requests)} messages + ${n(gen.rows.events)} timeline rows (${cities})`, "—",
    `${n(gen.rowsPerSecond.includingIndexesAndAnalyze)} rows/s incl. index builds and ANALYZE (${n(gen.rowsPerSecond.copyOnly)} rows/s generate+COPY); ${Math.round(gen.totalSeconds / 60)} min in all; ${gen.size.db} (${day(gen.date)})`);
}

const intake = load("intake");
if (intake) {
  const targets: Record<number, (a: Json) => [string, boolean]> = {
    200: (a) => ["p50 ≤ 10 ms, p95 ≤ 50 ms, no errors", a.errors === 0 && a.latencyMs.p50 <= 10 && a.latencyMs.p95 <= 50],
    500: (a) => ["sustained, no errors", a.errors === 0 && a.achievedRate >= 490],
  };
  intake.rates.forEach((rate: number, i: number) => {
    const a = intake.api.openLoop[i], r = intake.reference.openLoop[i]; // prettier-ignore
    const [target, met] = targets[rate]?.(a) ?? ["—", null];
    row(`bench:intake, open loop ${rate}/s`, "API: achieved/s, p50 / p95 / p99 ms (reference server)", target,
      `${a.achievedRate}/s, ${ms(a.latencyMs.p50)} / ${ms(a.latencyMs.p95)} / ${ms(a.latencyMs.p99)}${a.errors ? `, ${a.errors} errors` : ""} (ref ${r.achievedRate}/s, ${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p95)} / ${ms(r.latencyMs.p99)})${met === null ? "" : met ? " ✓" : " ✗"}`);
  });
  // Only the ratio of one run compares across runs: the load average (start–end) says how shared the machine was.
  const saturation = (label: string, x: Json) => {
    const share = x.api.saturation / x.reference.saturation;
    const loadAt = x.loadAverageAtStart ? `, load ${x.loadAverageAtStart[0]}–${x.machine.loadAverage[0]}` : "";
    row(`bench:intake${label}, saturation (closed loop)`, "registrations per second, API vs reference", "API ≥ 40 % of reference",
      `${x.api.saturation}/s vs ${x.reference.saturation}/s (${Math.round(share * 100)} %) ${share >= 0.4 ? "✓" : "✗"} (${day(x.date)}${loadAt})`);
    if (x.apiPeakRssMiB) row(`bench:intake${label}, API memory`, "peak resident memory under load", "≤ 300 MB", `${x.apiPeakRssMiB} MiB ${x.apiPeakRssMiB * 1.048576 <= 300 ? "✓" : "✗"}`);
  };
  saturation("", intake);
  // 200/s again and again in one run (`--rates 200,200,200,200`): how often the target holds on this machine.
  const repeated = load("intake-200-repeated");
  if (repeated) {
    const runs = repeated.api.openLoop.filter((a: Json) => a.targetRate === 200);
    const met = runs.filter((a: Json) => targets[200]!(a)[1]).length;
    row(`bench:intake, open loop 200/s, ${runs.length} runs in a row`, "API: p50 / p95 ms of each run", "p50 ≤ 10 ms, p95 ≤ 50 ms, no errors",
      `${runs.map((a: Json) => `${ms(a.latencyMs.p50)} / ${ms(a.latencyMs.p95)}${a.errors ? ` (${a.errors} errors)` : ""}`).join("; ")}: ${met} of ${runs.length} ✓ (${day(repeated.date)})`);
  }
  // The same machine before docs/decisions/034 (transactions pipelined, and the heap ceiling of 035), and before 028 (statements built once).
  const before034 = load("intake-before-034");
  if (before034) saturation(" (before ADR 034)", before034);
  const before = load("intake-before-028");
  if (before) saturation(" (before ADR 028)", before);
}

const staff = load("staff");
if (staff) {
  row("bench:staff, data set", "Tehran messages (all four cities in the table)", "—", `${n(staff.messages)} (${day(staff.date)})`);
  for (const r of staff.rows.filter((x: Json) => x.mode === "sequential")) {
    const conc = staff.rows.find((x: Json) => x.case === r.case && x.mode !== "sequential");
    const count = r.matches === "" ? "" : ` (${n(r.matches)} ${r.case.startsWith("inbox") ? "open" : "match"})`;
    row(`bench:staff, ${r.case}${count}`, `p50 / p95 ms, sequential (${conc?.mode ?? ""})`, `p95 ≤ ${r.target} ms`,
      `${ms(r.p50)} / ${ms(r.p95)}${conc ? ` (${ms(conc.p50)} / ${ms(conc.p95)})` : ""} ${mark(r.p95, r.target)}`);
  }
}
// Paths measured again after a change or in another mode, kept beside the full run (the README's notes say which).
for (const [file, only] of [["staff-search", "search"], ["staff-search-open", "search open"], ["staff-lookup", "lookup"]] as const) {
  const again = load(file);
  if (!again) continue;
  for (const r of again.rows.filter((x: Json) => x.mode === "sequential")) {
    const conc = again.rows.find((x: Json) => x.case === r.case && x.mode !== "sequential");
    const count = r.matches === "" || r.matches === undefined ? "" : ` (${n(r.matches)} match)`;
    row(`bench:staff --only ${only}, ${r.case}${count}`, `p50 / p95 ms, sequential (${conc?.mode ?? ""})`, `p95 ≤ ${r.target} ms`,
      `${ms(r.p50)} / ${ms(r.p95)}${conc ? ` (${ms(conc.p50)} / ${ms(conc.p95)})` : ""} ${mark(r.p95, r.target)} (${day(again.date)}, load ${again.machine.loadAverage[0]})`);
  }
}

// The full-scale run, then runs at a smaller scale after a change (the README's notes say which).
for (const [file, label] of [["insight", "full scale"], ["insight-citizens-after", "10 % scale, after ADR 026"]] as const) {
  const insight = load(file);
  if (!insight) continue;
  for (const r of insight.rows) {
    row(`bench:insight (${label}), ${r.case}`, "first call, p50 / p95 ms", r.target ? `≤ ${n(r.target)} ms` : "—", `${ms(r.first)}, ${ms(r.p50)} / ${ms(r.p95)}${r.target ? ` ${mark(r.p95, r.target)}` : ""} (${day(insight.date)})`);
  }
}

const web = load("console");
if (web) {
  for (const [what, f] of Object.entries(web.server as Record<string, Json>)) {
    row(`bench:console, ${what}`, "whole page from the console server, p50 / p95 ms", "—", `${ms(f.p50)} / ${ms(f.p95)}${f.notOk ? `, ${f.notOk} not 200` : ""}`);
  }
  for (const b of web.intakeInBrowser) {
    row(`bench:console, intake screen in Chromium, ${b.name}`, "until the form answers, p50 / p95 ms (DOMContentLoaded p50)", "—", `${ms(b.untilInteractive.p50)} / ${ms(b.untilInteractive.p95)} (${ms(b.domContentLoaded.p50)}) (${day(web.date)})`);
  }
}

const machine = (gen ?? intake ?? staff ?? routing)?.machine;
const table = [`Measured on ${machine?.cores ?? 2} shared cores (${machine?.cpu ?? "?"}), ${machine?.memoryGiB ?? 24} GiB, Node ${machine?.node ?? "20"}, Postgres 15 on the same machine with its default settings.`, "", ...lines].join("\n");
console.log(table);

if (parseArgs().has("write")) {
  const text = readFileSync(readme, "utf8");
  const a = text.indexOf(START), b = text.indexOf(END); // prettier-ignore
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} markers`);
  writeFileSync(readme, text.slice(0, a + START.length) + "\n" + table + "\n" + text.slice(b));
  console.log("\nREADME.md updated");
}
