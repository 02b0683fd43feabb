import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, { error: "must be a postgres:// connection URL" })
  .optional();

const ZEnv = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(4137),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: postgresUrl,
  MIGRATION_DATABASE_URL: postgresUrl,
  PGLITE_DIR: z.string().min(1).default(`${repoRoot}.data/pglite`),
  SEED_DEMO: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: bool(true),
  JOBS: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
});

export type Env = z.infer<typeof ZEnv> & { seedDemo: boolean };

/**
 * Read once at start. A missing or malformed variable stops the start with
 * one sentence per problem, naming the variable.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The API cannot start; fix these environment variables:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  // Demo data belongs on the embedded database; on Postgres it must be asked for.
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "true" : !env.DATABASE_URL;
  return { ...env, seedDemo };
}
