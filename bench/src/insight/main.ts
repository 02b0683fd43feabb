/**
 * bench:insight — dashboards and rankings (issue 7) through the real API over
 * HTTP on the generated data set, signed in as tehran.manager.
 *
 *   cd bench && npx tsx src/insight/main.ts [--calls 20] [--max-seconds 60] [--out insight]
 *
 * Targets (issue 7): a dashboard's first load for a one-year range p95 ≤ 300 ms;
 * a ranking for a year ≤ 1 s. The year is the generated one: the 365 Tehran days
 * up to the newest message.
 */
import { once } from "node:events";
import { createDatabase, DEMO_PASSWORD, listActiveTenants, withoutTenant } from "@city137/db";
import { refreshInsightCity } from "@city137/jobs";
import { isoDateToJalali } from "@city137/core";
import { numberArg, parseArgs } from "../lib/args";
import { HttpClient, TrpcClient } from "../lib/http";
import { fixedCalls } from "../lib/load";
import { writeResult } from "../lib/results";
import { printTable } from "../lib/stats";
import { forkBundled } from "../lib/bundled";
import { benchUrls } from "../lib/db-urls";

const args = parseArgs();
const calls = numberArg(args, "calls", 20);
const maxSeconds = numberArg(args, "max-seconds", 60);
const out = args.get("out") ?? "insight";

// What the product's refresh job (every minute) would have done since the last writes, e.g.
// bench:intake's messages of today: measured here is a current rollup, not a stale day read raw.
{
  const db = await createDatabase({ url: benchUrls().app, max: 1 });
  try {
    for (const c of await withoutTenant(db, (tx) => listActiveTenants(tx))) {
      const t0 = performance.now();
      const { days } = await refreshInsightCity(db, { tenantId: c.id });
      if (days) console.log(`${c.slug}: refresh job recomputed ${days} stale day(s) in ${Math.round(performance.now() - t0)} ms`);
    }
  } finally {
    await db.close();
  }
}

const child = await forkBundled(new URL("../intake/api-host.ts", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const [{ url }] = (await once(child, "message")) as [{ url: string }];
const rows: Array<Record<string, string | number>> = [];
let range = { from: "", to: "" };
try {
  const http = new HttpClient(url, { timeoutMs: 120_000 });
  const manager = await new TrpcClient(http).signIn("tehran", "tehran.manager", DEMO_PASSWORD);
  // The newest message (the list is newest first) ends the generated year.
  const newest = await manager.send("GET", "request.list", { queue: "all", openOnly: false, limit: 1 });
  const last = (JSON.parse(newest.text) as { result?: { data: Array<{ createdAt: string }> } }).result?.data[0]?.createdAt;
  if (!last) throw new Error("no generated messages for Tehran: run bench:generate first");
  const lastAt = new Date(last);
  const tehranDay = (d: Date) => new Date(d.getTime() + 210 * 60_000).toISOString().slice(0, 10);
  const to = tehranDay(lastAt);
  const from = tehranDay(new Date(lastAt.getTime() - 364 * 86_400_000));
  const monthFrom = tehranDay(new Date(lastAt.getTime() - 29 * 86_400_000));
  const j = isoDateToJalali(to);
  range = { from, to };
  console.log(`Tehran: year ${from} … ${to}; Jalali ${j.jy}/${j.jm}`);
  const cases = [
    { name: "dashboard: one year by month, by channel", path: "insight.dashboard", target: 300, input: { from, to, granularity: "month", dimension: "channel" } },
    { name: "dashboard: one year by week, by unit", path: "insight.dashboard", target: 300, input: { from, to, granularity: "week", dimension: "unit" } },
    { name: "dashboard: 30 days by day, by category", path: "insight.dashboard", target: 300, input: { from: monthFrom, to, granularity: "day", dimension: "category" } },
    { name: "drill-down: late messages of the year", path: "insight.messages", target: 300, input: { from, to, group: "late", limit: 50 } },
    { name: "ranking: units, Jalali year", path: "ranking.list", target: 1000, input: { period: { kind: "year", jy: j.jy }, level: "unit" } },
    { name: "ranking: units, Jalali month", path: "ranking.list", target: 1000, input: { period: { kind: "month", jy: j.jy, jm: j.jm }, level: "unit" } },
    { name: "ranking: regions, Jalali year", path: "ranking.list", target: 1000, input: { period: { kind: "year", jy: j.jy }, level: "region" } },
    { name: "citizens: one year", path: "insight.citizens", target: 1000, input: { from, to, limit: 50 } },
    { name: "citizens: 30 days", path: "insight.citizens", target: 1000, input: { from: monthFrom, to, limit: 50 } },
    { name: "map: one year, all categories", path: "insight.map", target: 300, input: { from, to } },
    { name: "map: 30 days, all categories", path: "insight.map", target: 300, input: { from: monthFrom, to } },
  ];
  for (const c of cases) {
    const call = async () => (await manager.send("GET", c.path, c.input)).status === 200;
    // The first call is the "first load" (cold for this query shape); then the steady state.
    const first = await fixedCalls(call, 1, 1);
    const r = await fixedCalls(call, calls, 1, maxSeconds);
    rows.push({ case: c.name, first: first.latencyMs.max, calls: r.calls, errors: r.errors, p50: r.latencyMs.p50, p95: r.latencyMs.p95, max: r.latencyMs.max, target: c.target, met: r.latencyMs.p95 <= c.target ? "yes" : "NO" });
    console.log(`  ${c.name}: first ${first.latencyMs.max} ms, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms (${r.calls} calls, ${r.errors} errors)`);
  }
  http.close();
} finally {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}
console.log("\nlatency in ms at the client, sequential calls; target is p95");
printTable(rows);
console.log(`wrote ${writeResult(out, { calls, maxSeconds, ...range, rows })}`);
