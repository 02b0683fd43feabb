/**
 * One command for the whole platform on the embedded default: the API on
 * PGlite (./.data/pglite, migrated and seeded on first start) and the Remix
 * console, then a banner saying where to sign in.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createLogger, optionsFromEnv, readEnv, startApiServer } from "@city137/api-server";
import { DEMO_PASSWORD } from "@city137/db";

const root = fileURLToPath(new URL("..", import.meta.url));
const consoleDir = `${root}apps/console`;
const consolePort = Number(process.env.CONSOLE_PORT ?? 3137);

const env = readEnv();
const log = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL);

console.log("Building the console…");
const build = spawnSync(`${consoleDir}/node_modules/.bin/remix`, ["vite:build"], { cwd: consoleDir, stdio: "inherit" });
if (build.status !== 0 || !existsSync(`${consoleDir}/build/server/index.js`)) {
  console.error("The console did not build; see the output above.");
  process.exit(1);
}

const api = await startApiServer(optionsFromEnv(env, log));

const consoleProcess = spawn(
  process.execPath,
  [`${consoleDir}/node_modules/@remix-run/serve/dist/cli.js`, "build/server/index.js"],
  {
    cwd: consoleDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(consolePort), HOST: "127.0.0.1", API_URL: `${api.url}/trpc`, NODE_ENV: "production" },
  },
);
consoleProcess.on("exit", (code) => {
  console.error(`The console stopped (exit code ${code}).`);
  void api.close().then(() => process.exit(code ?? 1));
});

const consoleUrl = `http://127.0.0.1:${consolePort}`;
await waitFor(consoleUrl);

const cities = [...new Set(api.signIns.filter((s) => s.city).map((s) => s.city!))];
console.log(`
City137 is running (${api.database === "pglite" ? `embedded PGlite in ${env.PGLITE_DIR}` : "Postgres"}).

  Console        ${consoleUrl}
  Platform staff ${consoleUrl}/platform
${cities.map((c) => `  ${c.padEnd(14)} ${consoleUrl}/${c}`).join("\n")}
  API            ${api.url}  (/trpc, /healthz, /readyz)
  Jobs           ${api.jobs ? "deadline reminders, escalation and outbox relay every minute" : "off (JOBS=off)"}
${
  api.signIns.length
    ? `
Demo sign-ins (password for all: ${DEMO_PASSWORD}):
  platform.admin, platform.billing                 → ${consoleUrl}/platform
  <city>.admin | .supervisor | .operator | .unitstaff | .manager | .inspector
     e.g. tehran.operator                          → ${consoleUrl}/tehran
`
    : ""
}
Press Ctrl+C to stop.`);

const stop = () => {
  consoleProcess.removeAllListeners("exit");
  consoleProcess.kill("SIGTERM");
  void api.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`The console did not answer at ${url}.`);
}
