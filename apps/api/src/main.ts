import { readEnv } from "./env";
import { createLogger } from "./logger";
import { startApiServer } from "./server";

try {
  const env = readEnv();
  const log = createLogger(env.LOG_LEVEL);
  const api = await startApiServer({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    migrationUrl: env.MIGRATION_DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.PGLITE_DIR,
    seed: env.seedDemo,
    log,
    trustProxy: env.TRUST_PROXY,
  });
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
