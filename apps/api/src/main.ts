import { readEnv } from "./env";
import { createLogger } from "./logger";
import { optionsFromEnv, startApiServer } from "./server";

try {
  const env = readEnv();
  const log = createLogger(env.LOG_LEVEL);
  const api = await startApiServer(optionsFromEnv(env, log));
  log.info({ url: api.url, database: api.database, seeded: api.seeded }, "API listening");
  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
