import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createLogger, startApiServer, type RunningApi } from "@city137/api-server";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The servers' own logs after a protected report filed from a browser with a
 * distinctive User-Agent and X-Forwarded-For (docs/decisions/017): the
 * console's (remix-serve) stdout and stderr and the API's pino log hold
 * neither, nor the receipt. The tables and job payloads are searched in
 * apps/api/src/protected-canary.test.ts.
 */
const consoleDir = fileURLToPath(new URL("../../apps/console/", import.meta.url));
const CANARY_UA = "Mozilla/5.0 (Linux; Android 14; CanaryPhone-e2e-41c7) Mobile";
const CANARY_IP = "198.18.99.213";

let api: RunningApi;
let child: ChildProcess;
let browser: Browser;
let consoleUrl: string;
const apiLog: string[] = [];
const consoleLog: string[] = [];

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

beforeAll(async () => {
  const sink = new Writable({ write: (c, _e, done) => (apiLog.push(String(c)), done()) });
  api = await startApiServer({ port: 0, seed: true, log: createLogger("trace", sink) });
  const port = await freePort();
  consoleUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [`${consoleDir}node_modules/@remix-run/serve/dist/cli.js`, "build/server/index.js"], {
    cwd: consoleDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", API_URL: `${api.url}/trpc`, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => consoleLog.push(String(d)));
  child.stderr!.on("data", (d) => consoleLog.push(String(d)));
  for (let i = 0; ; i++) {
    try {
      await fetch(consoleUrl);
      break;
    } catch {
      if (i > 120) throw new Error("The console did not start.");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"] });
});
afterAll(async () => {
  await browser?.close();
  child?.kill("SIGTERM");
  await api?.close();
});

describe("protected channel: the servers' logs", () => {
  it("hold neither the reporter's User-Agent nor their address nor the receipt (and do log the requests)", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, userAgent: CANARY_UA, extraHTTPHeaders: { "x-forwarded-for": CANARY_IP } });
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/p/tehran/report`);
    await page.fill("[data-testid=protected-text]", "کارمند واحد صدور پروانه برای تسریع کار پول خواست");
    await page.click("[data-testid=protected-submit]");
    await page.waitForSelector("[data-testid=protected-done]");
    const receipt = (await page.getAttribute("[data-testid=protected-receipt]", "data-receipt"))!;
    await page.fill("[data-testid=protected-receipt-input]", receipt);
    await page.click("[data-testid=protected-follow]");
    await page.waitForSelector("[data-testid=protected-view]");
    await new Promise((r) => setTimeout(r, 300)); // let the last log lines arrive

    const consoleText = consoleLog.join("");
    const apiText = apiLog.join("");
    // positive controls: both logs were captured and record the traffic
    expect(consoleText).toContain("POST /p/tehran/report");
    expect(apiText).toContain("portal.city");
    for (const needle of [CANARY_UA, "CanaryPhone-e2e-41c7", CANARY_IP, receipt]) {
      expect(consoleText.includes(needle), `console log has ${needle}`).toBe(false);
      expect(apiText.includes(needle), `API log has ${needle}`).toBe(false);
    }
    expect(apiText).not.toContain("protectedReport.");
  });
});
