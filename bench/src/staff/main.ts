/**
 * bench:staff — what staff do all day, through the real API over HTTP on the
 * generated data set: the unit inbox, the busiest district office's queue,
 * tracking-code and mobile lookups, and Persian word search.
 *
 *   npx -y pnpm@9.15.9 bench:staff [--calls 500] [--concurrency 4] [--max-seconds 60] [--only search] [--explain] [--out staff]
 *
 * Targets (issue 4): inbox and lookups p95 ≤ 20 ms; search p95 ≤ 100 ms.
 * --explain also writes EXPLAIN (ANALYZE, BUFFERS) of each list query, run
 * as app_user with the city set (row-level security applies), to
 * bench/results/<out>-plans.txt.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "@city137/db";
import { numberArg, parseArgs } from "../lib/args";
import { HttpClient, TrpcClient } from "../lib/http";
import { fixedCalls } from "../lib/load";
import { writeResult } from "../lib/results";
import { printTable, type LatencySummary } from "../lib/stats";
import { SEARCHES, staffInputs } from "./cases";
import { explainAll } from "./explain";

const args = parseArgs();
const calls = numberArg(args, "calls", 500);
const concurrency = numberArg(args, "concurrency", 4);
const maxSeconds = numberArg(args, "max-seconds", 60);
/** Result name (bench/results/<out>.json), e.g. to keep a run with a proposed index beside the baseline. */
const out = args.get("out") ?? "staff";
/** Only the cases whose name starts with this (e.g. "search"). */
const only = args.get("only") ?? "";
/** What was changed in the database for this run, recorded in the result (e.g. a proposed index). */
const change = args.get("change");

const inputs = await staffInputs(calls);
console.log(`Tehran: ${inputs.messages.toLocaleString("en")} messages; busiest district office ${inputs.busiest.code} (${inputs.busiest.open} open);`,
  `unit staff's units ${inputs.unitStaff.map((u) => `${u.code} (${u.open} open)`).join(", ")}`);

const child = fork(fileURLToPath(new URL("../intake/api-host.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
const [{ url }] = (await once(child, "message")) as [{ url: string }];

interface Case {
  name: string;
  path: string;
  target: number;
  client: TrpcClient;
  input: (i: number) => unknown;
  /** How many messages match, for searches and queues. */
  matches?: number;
}
const rows: Array<{ case: string; matches: number | string; mode: string; calls: number; errors: number; perSecond: number; target: number; met: string } & LatencySummary> = [];
try {
  const http = new HttpClient(url);
  const sign = (login: string) => new TrpcClient(http).signIn("tehran", login, DEMO_PASSWORD);
  const [unitStaff, supervisor, operator] = [await sign("tehran.unitstaff"), await sign("tehran.supervisor"), await sign("tehran.operator")];
  const cases: Case[] = [
    // The floor every staff call pays: HTTP, tRPC, the session lookup (its own tenant transaction).
    { name: "baseline: auth.me (session only)", path: "auth.me", target: 20, client: operator, input: () => undefined },
    { name: "inbox: queue mine (unit staff)", path: "request.list", target: 20, client: unitStaff, input: () => ({ queue: "mine" }), matches: inputs.unitStaff.reduce((s, u) => s + u.open, 0) },
    { name: `inbox: queue unit ${inputs.busiest.code}`, path: "request.list", target: 20, client: supervisor, input: () => ({ queue: "unit", unitId: inputs.busiest.id }), matches: inputs.busiest.open },
    { name: "lookup: tracking code (request.get)", path: "request.get", target: 20, client: operator, input: (i) => ({ trackingCode: inputs.codes[i % inputs.codes.length] }), matches: 1 },
    { name: "lookup: mobile (request.list)", path: "request.list", target: 20, client: operator, input: (i) => ({ mobile: inputs.mobiles[i % inputs.mobiles.length], openOnly: false }) },
    ...SEARCHES.map((q) => ({ name: `search: ${q}`, path: "request.list", target: 100, client: operator, input: () => ({ q, openOnly: false }), matches: inputs.wordCounts[q] })),
    // The console's queue page searches open messages by deadline unless a status is chosen.
    ...SEARCHES.map((q) => ({ name: `search open: ${q}`, path: "request.list", target: 100, client: operator, input: () => ({ q, openOnly: true }) })),
  ];
  for (const c of cases.filter((x) => x.name.startsWith(only))) {
    const call = async (i: number) => (await c.client.send("GET", c.path, c.input(i))).status === 200;
    await fixedCalls(call, 10, 1); // warm the path
    for (const n of [1, concurrency]) {
      const r = await fixedCalls(call, calls, n, maxSeconds);
      rows.push({ case: c.name, matches: c.matches ?? "", mode: n === 1 ? "sequential" : `${n} concurrent`, calls: r.calls, errors: r.errors, perSecond: r.perSecond, ...r.latencyMs, target: c.target, met: r.latencyMs.p95 <= c.target ? "yes" : "NO" });
      console.log(`  ${c.name}, ${n === 1 ? "sequential" : `${n} concurrent`}: p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms (${r.calls} calls)`);
    }
  }
  http.close();
} finally {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}

console.log("\nlatency in ms, measured at the client over loopback; target is p95");
printTable(rows.map(({ case: name, matches, mode, calls: n, errors, p50, p95, p99, max, perSecond, target, met }) => ({ case: name, matches, mode, calls: n, errors, p50, p95, p99, max, "calls/s": perSecond, target, met })));
if (args.has("explain")) console.log(`wrote ${await explainAll(inputs, out)}`);
console.log(`wrote ${writeResult(out, { change, calls, concurrency, maxSeconds, messages: inputs.messages, busiestUnit: inputs.busiest, unitStaffUnits: inputs.unitStaff, mobileMaxMessages: inputs.mobileMaxMessages, rows })}`);
