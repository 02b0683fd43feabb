/**
 * Child process: the real API (startApiServer) as production runs it, from
 * the environment (DATABASE_URL = app_user on the fault test's private
 * Postgres, KAVENEGAR_BASE_URL = the test's SMS stand-in). The parent kills it
 * with SIGKILL or stops it with SIGTERM. FAULT_RELAY_RETRY_MS shortens the
 * outbox's retry backoff so a test does not wait minutes.
 */
import { createLogger, optionsFromEnv, readEnv, startApiServer } from "@city137/api-server";

const env = readEnv();
const retryMs = Number(process.env.FAULT_RELAY_RETRY_MS ?? 0);
const api = await startApiServer({
  ...optionsFromEnv(env, createLogger(env.LOG_LEVEL)),
  relay: retryMs ? { retryBaseMs: retryMs, dispatchTimeoutMs: 5_000 } : undefined,
});
process.send?.({ url: api.url });
process.once("SIGTERM", () => void api.close().finally(() => process.exit(0)));
