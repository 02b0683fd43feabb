import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const host = fileURLToPath(new URL("./api-host.ts", import.meta.url));

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has gone. */
  exited: Promise<void>;
}

/**
 * Starts the API as its own process (node + tsx, as `pnpm start` would) on a
 * fixed port, so a restarted API answers at the same address, and waits for
 * it to say where it listens.
 */
export function startApi(opts: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<ApiProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", host], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      DATABASE_URL: opts.databaseUrl,
      SEED_DEMO: "false",
      JOBS: "off",
      LOG_LEVEL: "error",
      FILES_DIR: `${process.env.TMPDIR ?? "/tmp"}/city137-fault-files`,
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The API did not start within 60 s.")), 60_000);
    child.once("message", (m: { url: string }) => {
      clearTimeout(timer);
      resolve({ url: m.url, child, exited });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited during start (code ${code}).`));
    });
  });
}

/** SIGKILL: no shutdown hooks, in-flight requests are cut. */
export async function kill9(api: ApiProcess) {
  api.child.kill("SIGKILL");
  await api.exited;
}

export async function stopApi(api: ApiProcess | undefined) {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill("SIGTERM");
  await api.exited;
}
