/**
 * Child process: the real API (startApiServer) on the bench database, as in
 * production: app_user at runtime, the owner URL for migrations. Reports its
 * address to the parent over IPC and closes cleanly on SIGTERM.
 */
import { startApiServer } from "@city137/api-server";
import { benchUrls } from "../lib/db-urls";

process.env.JOBS ??= "off"; // background job workers, where the API has them, stay off during a benchmark
const urls = benchUrls();
const api = await startApiServer({ port: 0, databaseUrl: urls.app, migrationUrl: urls.owner, seed: false });
process.send?.({ url: api.url, database: api.database });
// bench:intake:profile asks for the profiler's clock (µs, monotonic) to mark its measured window
process.on("message", (m) => {
  if (m === "hrtime") process.send?.({ hrtimeUs: Number(process.hrtime.bigint() / 1000n) });
});
process.on("SIGTERM", () => {
  void api.close().finally(() => process.exit(0));
});
