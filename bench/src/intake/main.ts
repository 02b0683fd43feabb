/**
 * bench:intake — registering messages through the real API, against a bare
 * reference server doing one INSERT, both open-loop at fixed arrival rates
 * and then closed-loop to saturation.
 *
 *   npx -y pnpm@9.15.9 bench:intake [--rates 10,50,200,500] [--seconds 20] [--warmup 5] [--clients 4,16,64] [--closed-seconds 10]
 *
 * Calls not answered within 10 s count as errors (at most 128 connections).
 * Needs the bench database (bench:generate, any scale). Messages registered
 * through the API stay (they are real messages with timelines); the reference
 * server's rows are deleted afterwards.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { DEMO_PASSWORD } from "@city137/db";
import postgres from "postgres";
import { listArg, numberArg, parseArgs } from "../lib/args";
import { benchUrls } from "../lib/db-urls";
import { HttpClient, TrpcClient } from "../lib/http";
import { closedLoop, openLoop, type Call, type ClosedLoopResult, type OpenLoopResult } from "../lib/load";
import { writeResult } from "../lib/results";
import { printTable } from "../lib/stats";
import { intakeBodies } from "./bodies";
import { REFERENCE_SEQ_FROM } from "./constants";
import { forkBundled } from "../lib/bundled";

const args = parseArgs();
const rates = listArg(args, "rates", [10, 50, 200, 500]);
const seconds = numberArg(args, "seconds", 20);
const warmup = numberArg(args, "warmup", 5);
const clients = listArg(args, "clients", [4, 16, 64]);
const closedSeconds = numberArg(args, "closed-seconds", 10);
const urls = benchUrls();

/** Starts a child process and waits for the address it reports. */
async function start(script: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = await forkBundled(new URL(script, import.meta.url), { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [msg] = (await Promise.race([once(child, "message"), once(child, "exit").then(() => { throw new Error(`${script} exited before listening`); })])) as [{ url: string }]; // prettier-ignore
  return { child, url: msg.url };
}

/** CPU time (user + system, ms) the server process has used so far: /proc, so it does not depend on what else runs. */
function cpuMs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/**
 * An overloaded server keeps working on calls the client has given up on.
 * Wait until it is idle (under a fifth of a core for a second) before the
 * next step, so each step starts clean.
 */
async function waitIdle(child: ChildProcess, maxSeconds = 180) {
  for (let waited = 0; waited < maxSeconds; waited++) {
    const before = cpuMs(child);
    await new Promise((r) => setTimeout(r, 1000));
    if (cpuMs(child) - before < 200) return waited;
  }
  return maxSeconds;
}

/** Resident memory of the server process (MiB), from /proc. */
function rssMiB(child: ChildProcess): number {
  const line = readFileSync(`/proc/${child.pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

async function stop(child: ChildProcess) {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}

type WithCpu<T> = T & { serverCpuMsPerCall: number; drainSeconds: number; peakRssMiB: number };
interface ServerFigures {
  openLoop: Array<WithCpu<OpenLoopResult>>;
  closedLoop: Array<WithCpu<ClosedLoopResult>>;
  saturation: number;
}

async function measure(name: string, child: ChildProcess, call: Call): Promise<ServerFigures> {
  let n = 0;
  const counted: Call = () => call(n++);
  // Warm-up: a trickle, then 16 at once for 3 s, so every pooled connection is open with its
  // statements prepared and V8 has optimised the hot path. Without the second part the first
  // second at 200/s ran cold and its backlog took ~2 s to drain (p95 ~300 ms, then max ~60 ms).
  console.log(`\n${name}: warm-up ${warmup} s at 10/s, then 3 s with 16 clients`);
  await openLoop(counted, 10, warmup);
  await closedLoop(counted, 16, 3);
  await waitIdle(child);
  /** The server's CPU per successful call during fn (Postgres's own CPU not included). */
  const withCpu = async <T extends { ok: number }>(fn: () => Promise<T>) => {
    const before = cpuMs(child);
    let peakRssMiB = rssMiB(child);
    const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, rssMiB(child))), 250);
    const r = await fn();
    // Work on abandoned calls still counts: wait for it, and divide by the answered calls.
    const drainSeconds = await waitIdle(child);
    clearInterval(sampler);
    return { ...r, serverCpuMsPerCall: Math.round(((cpuMs(child) - before) / Math.max(1, r.ok)) * 100) / 100, drainSeconds, peakRssMiB };
  };
  const open: Array<WithCpu<OpenLoopResult>> = [];
  for (const rate of rates) {
    const r = await withCpu(() => openLoop(counted, rate, seconds));
    open.push(r);
    console.log(`  open loop ${rate}/s: achieved ${r.achievedRate}/s, errors ${r.errors}, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, server CPU ${r.serverCpuMsPerCall} ms/call, peak RSS ${r.peakRssMiB} MiB, idle again after ${r.drainSeconds} s`);
  }
  const closed: Array<WithCpu<ClosedLoopResult>> = [];
  for (const c of clients) {
    const r = await withCpu(() => closedLoop(counted, c, closedSeconds));
    closed.push(r);
    console.log(`  closed loop ${c} clients: ${r.throughput}/s, errors ${r.errors}, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, server CPU ${r.serverCpuMsPerCall} ms/call, peak RSS ${r.peakRssMiB} MiB`);
  }
  return { openLoop: open, closedLoop: closed, saturation: Math.max(...closed.map((c) => c.throughput)) };
}

const loadAverageAtStart = loadavg().map((x) => Math.round(x * 10) / 10);
const { tenantId, unitId, bodies } = await intakeBodies(2000);
// Bodies are reused round-robin; every call gets a new idempotency key.
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const input = (server: string, i: number) => ({ ...bodies[i % bodies.length]!, idempotencyKey: `bench-${runId}-${server}-${i}` });
const ok = (res: { status: number; text: string }) => {
  if (res.status !== 200 && errorSamples.length < 5) errorSamples.push(`${res.status} ${res.text.slice(0, 200)}`);
  return res.status === 200;
};
const errorSamples: string[] = [];

// 1. The platform: the real API, signed in as Tehran's operator.
const api = await start("./api-host.ts");
let apiFigures: ServerFigures;
try {
  const http = new HttpClient(api.url, { maxSockets: 128 });
  const trpc = await new TrpcClient(http).signIn("tehran", "tehran.operator", DEMO_PASSWORD);
  apiFigures = await measure(`API ${api.url} request.create`, api.child, async (i) => ok(await trpc.send("POST", "request.create", input("api", i))));
  http.close();
} finally {
  await stop(api.child);
}

// 2. The reference: node:http + postgres.js, one INSERT in a tenant transaction.
const ref = await start("./reference-server.ts", { REF_TENANT_ID: tenantId, REF_UNIT_ID: unitId });
let refFigures: ServerFigures;
try {
  const http = new HttpClient(ref.url, { maxSockets: 128 });
  refFigures = await measure(`reference ${ref.url}/create`, ref.child, async (i) => ok(await http.request("POST", "/create", JSON.stringify(input("ref", i)))));
  http.close();
} finally {
  await stop(ref.child);
  const sql = postgres(urls.owner, { max: 1, onnotice: () => {} });
  // Nothing refers to these rows; without the FK triggers the self-reference (duplicate_of, not indexed)
  // is not checked by a scan of the whole table for every deleted row.
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`delete from requests where tenant_id = ${tenantId} and seq >= ${REFERENCE_SEQ_FROM}`;
  });
  await sql.end();
}

const rows = [
  ...rates.map((rate, i) => {
    const a = apiFigures.openLoop[i]!, r = refFigures.openLoop[i]!; // prettier-ignore
    return {
      load: `${rate}/s open`,
      "API achieved/s": a.achievedRate, "API err": a.errors, "API p50": a.latencyMs.p50, "API p95": a.latencyMs.p95, "API p99": a.latencyMs.p99, "API max": a.latencyMs.max,
      "ref achieved/s": r.achievedRate, "ref err": r.errors, "ref p50": r.latencyMs.p50, "ref p95": r.latencyMs.p95, "ref p99": r.latencyMs.p99, "ref max": r.latencyMs.max,
      "p50 ratio": Math.round((a.latencyMs.p50 / r.latencyMs.p50) * 10) / 10,
      "API cpu ms": a.serverCpuMsPerCall, "ref cpu ms": r.serverCpuMsPerCall, "API RSS MiB": a.peakRssMiB,
    }; // prettier-ignore
  }),
  ...clients.map((c, i) => {
    const a = apiFigures.closedLoop[i]!, r = refFigures.closedLoop[i]!; // prettier-ignore
    return {
      load: `${c} clients closed`,
      "API achieved/s": a.throughput, "API err": a.errors, "API p50": a.latencyMs.p50, "API p95": a.latencyMs.p95, "API p99": a.latencyMs.p99, "API max": a.latencyMs.max,
      "ref achieved/s": r.throughput, "ref err": r.errors, "ref p50": r.latencyMs.p50, "ref p95": r.latencyMs.p95, "ref p99": r.latencyMs.p99, "ref max": r.latencyMs.max,
      "p50 ratio": Math.round((a.latencyMs.p50 / r.latencyMs.p50) * 10) / 10,
      "API cpu ms": a.serverCpuMsPerCall, "ref cpu ms": r.serverCpuMsPerCall, "API RSS MiB": a.peakRssMiB,
    }; // prettier-ignore
  }),
];
console.log("\nlatency in ms from the intended send time; achieved = successful answers per second");
printTable(rows);
const ratio = Math.round((refFigures.saturation / apiFigures.saturation) * 10) / 10;
const best = (f: ServerFigures) => f.closedLoop.reduce((a, b) => (b.throughput > a.throughput ? b : a));
const cpuRatio = Math.round((best(apiFigures).serverCpuMsPerCall / best(refFigures).serverCpuMsPerCall) * 10) / 10;
console.log(`\nsaturation: API ${apiFigures.saturation}/s, reference ${refFigures.saturation}/s (reference / API = ${ratio}×);`,
  `server CPU per registration at saturation: API ${best(apiFigures).serverCpuMsPerCall} ms, reference ${best(refFigures).serverCpuMsPerCall} ms (${cpuRatio}×)`);
const peakRssMiB = Math.max(...[...apiFigures.openLoop, ...apiFigures.closedLoop].map((f) => f.peakRssMiB));
console.log(`API resident memory, peak under load: ${peakRssMiB} MiB (target ≤ 300 MB)`);
if (errorSamples.length) console.log("first errors:", errorSamples);
const file = writeResult("intake", { rates, seconds, warmup, clients, closedSeconds, api: apiFigures, reference: refFigures, saturationRatio: ratio, serverCpuRatio: cpuRatio, apiPeakRssMiB: peakRssMiB, loadAverageAtStart, errorSamples });
console.log(`wrote ${file}`);
