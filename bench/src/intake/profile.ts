/**
 * bench:intake:profile — where the API's CPU goes when it registers messages.
 *
 *   npx -y pnpm@9.15.9 --filter @city137/bench intake:profile [--clients 16] [--seconds 20]
 *
 * Starts the real API (as bench:intake does) under V8's sampling profiler,
 * registers Tehran messages from `--clients` concurrent operators for
 * `--seconds`, stops it, and prints the self time by package and the
 * heaviest functions. The .cpuprofile is kept under bench/results/profiles/
 * (open it in Chrome DevTools for the call tree). Needs the bench database.
 */
import { once } from "node:events";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "@city137/db";
import { numberArg, parseArgs } from "../lib/args";
import { HttpClient, TrpcClient } from "../lib/http";
import { benchUrls } from "../lib/db-urls";
import { closedLoop } from "../lib/load";
import { postgresCpuByPid, postgresCpuSince } from "../lib/pg-cpu";
import { printTable } from "../lib/stats";
import { intakeBodies } from "./bodies";
import { forkBundled } from "../lib/bundled";

const args = parseArgs();
const clients = numberArg(args, "clients", 16);
const seconds = numberArg(args, "seconds", 20);
const dir = fileURLToPath(new URL("../../results/profiles/", import.meta.url));
mkdirSync(dir, { recursive: true });

const { bodies } = await intakeBodies(2000);
const child = await forkBundled(new URL("./api-host.ts", import.meta.url), {
  execArgv: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const [msg] = (await once(child, "message")) as [{ url: string }];
const http = new HttpClient(msg.url, { maxSockets: 128 });
const trpc = await new TrpcClient(http).signIn("tehran", "tehran.operator", DEMO_PASSWORD);
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const call = async (i: number) => (await trpc.send("POST", "request.create", { ...bodies[i % bodies.length]!, idempotencyKey: `profile-${runId}-${i}` })).status === 200;
/** The API's monotonic clock in µs, the one its profile's timestamps use. */
const mark = async () => {
  child.send("hrtime");
  for (;;) {
    const [m] = (await once(child, "message")) as [{ hrtimeUs?: number }];
    if (m.hrtimeUs) return m.hrtimeUs;
  }
};
await closedLoop(call, 4, 5); // warm-up: modules loaded, code optimised
const started = Date.now();
const from = await mark();
const pgBefore = postgresCpuByPid(benchUrls().database);
const r = await closedLoop(call, clients, seconds, 1_000_000);
const pgMs = postgresCpuSince(pgBefore, benchUrls().database);
const to = await mark();
http.close();
child.kill("SIGTERM");
await once(child, "exit");
console.log(`${r.ok} registrations (${r.errors} errors) in ${seconds} s with ${clients} clients: ${r.throughput}/s, p50 ${r.latencyMs.p50} ms`);

const file = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => ({ f, t: statSync(dir + f).mtimeMs, size: statSync(dir + f).size }))
  .filter((x) => x.t >= started)
  // one profile per thread (tsx's loader has its own): the main thread's is the big one
  .sort((a, b) => b.size - a.size)[0]?.f;
if (!file) throw new Error("no profile was written");

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
const profile = JSON.parse(readFileSync(dir + file, "utf8")) as { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
// Only the measured window: each sample's time is the running sum of the deltas; it lasts until the next.
const hits = new Map<number, number>();
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i]!;
  const lasts = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  if (at >= from && at <= to) hits.set(profile.samples[i]!, (hits.get(profile.samples[i]!) ?? 0) + lasts);
}
const place = (url: string) => {
  if (!url) return "(V8: gc, idle, native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(packages|apps|bench)\/([^/]+)\//.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
};
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const ms = hits.get(n.id) ?? 0;
  if (!ms) continue;
  const name = n.callFrame.functionName || "(anonymous)";
  if (name === "(idle)" || name === "(program)") continue;
  total += ms;
  byPlace.set(place(n.callFrame.url), (byPlace.get(place(n.callFrame.url)) ?? 0) + ms);
  const key = `${name} ${place(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}
const perCall = (ms: number) => Math.round((ms / Math.max(1, r.ok)) * 1000) / 1000;
console.log(`\nPostgres backends' CPU: ${Math.round((pgMs / Math.max(1, r.ok)) * 1000) / 1000} ms per registration`);
console.log(`busy CPU of the API in the measured ${Math.round((to - from) / 1000)} ms: ${Math.round(total)} ms = ${perCall(total)} ms per registration (profile ${file})`);
printTable([...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([where, ms]) => ({ where, "ms/call": perCall(ms), share: `${Math.round((ms / total) * 100)} %` })));
printTable([...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([fn, ms]) => ({ function: fn.slice(0, 110), "ms/call": perCall(ms) })));
