/**
 * Child process: the real API (startApiServer) on the bench database, as in
 * production: app_user at runtime, the owner URL for migrations. Reports its
 * address to the parent over IPC and closes cleanly on SIGTERM.
 */
import { createLogger, startApiServer } from "@city137/api-server";
import { benchUrls } from "../lib/db-urls";

process.env.JOBS ??= "off"; // background job workers, where the API has them, stay off during a benchmark
const urls = benchUrls();
// BENCH_API_LOG=warn shows why a call failed (the API is silent by default, as its log would cost time).
const log = process.env.BENCH_API_LOG ? createLogger(process.env.BENCH_API_LOG) : undefined;
const api = await startApiServer({ port: 0, databaseUrl: urls.app, migrationUrl: urls.owner, seed: false, log });
process.send?.({ url: api.url, database: api.database });
// bench:intake:profile asks for the profiler's clock (µs, monotonic) to mark its measured window
process.on("message", (m) => {
  if (m === "hrtime") process.send?.({ hrtimeUs: Number(process.hrtime.bigint() / 1000n) });
});
process.on("SIGTERM", () => {
  void api.close().finally(() => process.exit(0));
});
