/**
 * bench:console — the console as staff meet it, on the bench data set:
 * server response time of the main pages (the whole HTML document, loaders
 * and their API calls included), and the operator's intake screen loaded in
 * Chromium (navigation timing, and until its form is on screen).
 *
 *   npx -y pnpm@9.15.9 bench:console [--calls 40] [--loads 15]
 *
 * Starts the API (as bench:intake does) and the built console (`npx -y
 * pnpm@9.15.9 --filter @city137/console build` first), signs in as Tehran's
 * demo staff in Chromium (/usr/bin/chromium), then measures sequentially.
 * Needs the bench database (bench:generate, any scale).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "@city137/db";
import postgres from "postgres";
import { chromium, type Browser } from "playwright-core";
import { numberArg, parseArgs } from "../lib/args";
import { benchUrls } from "../lib/db-urls";
import { HttpClient } from "../lib/http";
import { writeResult } from "../lib/results";
import { printTable, summarize } from "../lib/stats";
import { forkBundled } from "../lib/bundled";

const args = parseArgs();
const calls = numberArg(args, "calls", 40);
const loads = numberArg(args, "loads", 15);
const consoleDir = fileURLToPath(new URL("../../../apps/console/", import.meta.url));
if (!existsSync(`${consoleDir}build/server/index.js`)) throw new Error("Build the console first: npx -y pnpm@9.15.9 --filter @city137/console build");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

const children: ChildProcess[] = [];
const api = await forkBundled(new URL("../intake/api-host.ts", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
children.push(api);
const [{ url: apiUrl }] = (await once(api, "message")) as [{ url: string }];
const port = await freePort();
const web = spawn(process.execPath, [`${consoleDir}node_modules/@remix-run/serve/dist/cli.js`, "build/server/index.js"], {
  cwd: consoleDir,
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", API_URL: `${apiUrl}/trpc`, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(web);
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    await fetch(base);
    break;
  } catch {
    if (i > 120) throw new Error("the console did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
}

let browser: Browser | null = null;
try {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const signIn = async (who: string) => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/tehran/sign-in`);
    await page.fill("#login", who);
    await page.fill("#password", DEMO_PASSWORD);
    await page.click("[data-testid=sign-in-submit]");
    await page.waitForSelector("[data-testid=signed-in-user]");
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    return { context, page, cookie };
  };

  // an open message in the demo unit member's own inbox, for the message page
  const sql = postgres(benchUrls().owner, { max: 1, onnotice: () => {} });
  const [busy] = await sql<{ code: string }[]>`
    select r.tracking_code as code from requests r
    join staff s on s.tenant_id = r.tenant_id and s.username = 'tehran.unitstaff'
    join staff_units su on su.tenant_id = s.tenant_id and su.staff_id = s.id and su.unit_id = r.unit_id
    where r.status in ('referred', 'in_progress') order by r.created_at desc limit 1`;
  await sql.end();

  const pages: Array<{ who: string; path: string; what: string }> = [
    { who: "tehran.operator", path: "/tehran/intake", what: "operator intake screen" },
    { who: "tehran.operator", path: "/tehran/queue", what: "HQ queue" },
    { who: "tehran.unitstaff", path: "/tehran/queue", what: "unit inbox" },
    { who: "tehran.unitstaff", path: `/tehran/messages/${busy?.code ?? "0"}`, what: "message page" },
    { who: "tehran.supervisor", path: "/tehran/supervision", what: "supervision" },
    { who: "tehran.manager", path: "/tehran/insight", what: "dashboard (default range)" },
  ];
  const http = new HttpClient(base, { maxSockets: 4, timeoutMs: 30_000 });
  const cookies = new Map<string, string>();
  const server: Array<Record<string, string | number>> = [];
  const serverFigures: Record<string, unknown> = {};
  for (const p of pages) {
    if (!cookies.has(p.who)) {
      const s = await signIn(p.who);
      cookies.set(p.who, s.cookie);
      await s.context.close();
    }
    const samples: number[] = [];
    let bad = 0;
    for (let i = 0; i < calls + 3; i++) {
      const t0 = performance.now();
      const res = await http.request("GET", p.path, undefined, { cookie: cookies.get(p.who)! });
      if (i >= 3) samples.push(performance.now() - t0); // three warm-up calls
      if (res.status !== 200) bad++;
    }
    const s = summarize(samples);
    serverFigures[p.what] = { path: p.path, who: p.who, notOk: bad, ...s };
    server.push({ page: p.what, who: p.who, "not 200": bad, p50: s.p50, p95: s.p95, max: s.max });
  }
  http.close();
  console.log(`\nserver response time of whole pages, ms (${calls} sequential calls each, after 3 warm-up):`);
  printTable(server);

  // the intake screen in Chromium: a returning operator (warm cache) and a first visit (cold)
  const op = await signIn("tehran.operator");
  const measureLoad = async (page: import("playwright-core").Page) => {
    const t0 = performance.now();
    await page.goto(`${base}/tehran/intake`);
    await page.waitForSelector("[data-testid=intake-form]");
    // interactive: the category search answers typing (hydrated)
    await page.click("[data-testid=category-search]");
    const untilForm = performance.now() - t0;
    // runs in the page (DOM types are not in this package's lib)
    const nav = (await page.evaluate(`(() => {
      const n = performance.getEntriesByType("navigation")[0];
      return { ttfb: n.responseStart, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    })()`)) as { ttfb: number; domContentLoaded: number; load: number };
    return { untilInteractive: untilForm, ...nav };
  };
  const warm: Array<Awaited<ReturnType<typeof measureLoad>>> = [];
  for (let i = 0; i < loads + 1; i++) {
    const r = await measureLoad(op.page);
    if (i > 0) warm.push(r);
  }
  const cold: Array<Awaited<ReturnType<typeof measureLoad>>> = [];
  for (let i = 0; i < Math.min(loads, 8); i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(await op.context.cookies());
    cold.push(await measureLoad(await context.newPage()));
    await context.close();
  }
  const row = (name: string, xs: typeof warm) => {
    const f = (k: keyof (typeof xs)[number]) => summarize(xs.map((x) => x[k]));
    return { name, ttfb: f("ttfb"), domContentLoaded: f("domContentLoaded"), load: f("load"), untilInteractive: f("untilInteractive") };
  };
  const browserFigures = [row("returning operator (cached assets)", warm), row("first visit (empty cache)", cold)];
  console.log("\noperator intake screen in Chromium, ms (p50 / p95):");
  printTable(
    browserFigures.map((b) => ({
      visit: b.name,
      TTFB: `${b.ttfb.p50} / ${b.ttfb.p95}`,
      DOMContentLoaded: `${b.domContentLoaded.p50} / ${b.domContentLoaded.p95}`,
      load: `${b.load.p50} / ${b.load.p95}`,
      "form usable": `${b.untilInteractive.p50} / ${b.untilInteractive.p95}`,
    })),
  );
  await op.context.close();
  const file = writeResult("console", { calls, loads, server: serverFigures, intakeInBrowser: browserFigures });
  console.log(`wrote ${file}`);
} finally {
  await browser?.close();
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? once(c, "exit") : null)));
}
