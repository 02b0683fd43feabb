import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createLogger, startApiServer, type RunningApi, type StartOptions } from "@city137/api-server";
import { chromium, type Browser } from "playwright-core";

const consoleDir = fileURLToPath(new URL("../../../apps/console/", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Platform {
  api: RunningApi;
  consoleUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The real API on a fresh in-memory database with the demo cities, the built
 * console, and Chromium. `jobs` runs the job workers in the API's process (the
 * outbox relay, Stripe's calls and events); `stripe` turns Stripe billing on,
 * its HTTP stubbed by the spec with msw (the API runs in the spec's process).
 * `sms` chooses the SMS provider and the links' address, `relay` the outbox's retry backoff; `browserArgs` are added to Chromium's (a fake microphone, say).
 */
export async function startPlatform(
  opts: { now?: () => Date; jobs?: boolean; stripe?: StartOptions["stripe"]; sms?: StartOptions["sms"]; relay?: StartOptions["relay"]; browserArgs?: string[] } = {},
): Promise<Platform> {
  if (!existsSync(`${consoleDir}build/server/index.js`)) {
    throw new Error("The console is not built: run `npx -y pnpm@9.15.9 test:e2e`, which builds it first.");
  }
  // E2E_API_LOG=info shows the API's and its jobs' log while a spec runs
  const log = process.env.E2E_API_LOG ? createLogger(process.env.E2E_API_LOG) : undefined;
  const api = await startApiServer({ port: 0, seed: true, now: opts.now, jobs: opts.jobs, stripe: opts.stripe, sms: opts.sms, relay: opts.relay, log });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [`${consoleDir}node_modules/@remix-run/serve/dist/cli.js`, "build/server/index.js"], {
    cwd: consoleDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", API_URL: `${api.url}/trpc`, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const consoleUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(consoleUrl);
      break;
    } catch {
      if (i > 120) throw new Error("The console did not start.");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", ...(opts.browserArgs ?? [])],
  });
  return {
    api,
    consoleUrl,
    browser,
    stop: async () => {
      await browser.close();
      child.kill("SIGTERM");
      await api.close();
    },
  };
}

/**
 * An API clock that reads 10:00 on the next Tehran working day (Saturday to
 * Wednesday) and runs on from there, so routing by shift gives the same answer
 * whenever the suite runs (the demo tree sends waste to HQ at night). It is in
 * the future, so session cookies set from it never look expired to the browser.
 * `advance` moves it on (to make deadlines pass).
 */
export function workdayClock() {
  const TEHRAN = 210 * 60_000;
  const started = Date.now();
  const local = new Date(started + TEHRAN);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + 86_400_000;
  while (![6, 0, 1, 2, 3].includes(new Date(day).getUTCDay())) day += 86_400_000;
  const base = day + 10 * 3_600_000 - TEHRAN;
  let offset = 0;
  return {
    now: () => new Date(base + (Date.now() - started) + offset),
    advance: (ms: number) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
    },
  };
}
