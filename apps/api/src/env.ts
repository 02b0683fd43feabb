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

/** Unset or empty. */
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const S3_NEEDS = ["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

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
  FILES_DIR: z.string().min(1).default(`${repoRoot}.data/files`),
  S3_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional()),
  S3_BUCKET: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_FORCE_PATH_STYLE: bool(true),
  SMS_PROVIDER: z.enum(["dev", "kavenegar"], { error: "must be dev or kavenegar" }).default("dev"),
  KAVENEGAR_API_KEY: optionalText,
  KAVENEGAR_SENDER: optionalText,
  /** Another address for Kavenegar's API (a sandbox, an egress proxy, the fault tests' stand-in). */
  KAVENEGAR_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional()),
  PORTAL_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).default("http://127.0.0.1:3137"),
  STRIPE_SECRET_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { error: "must be a Stripe secret key (sk_…)" }).optional()),
  STRIPE_WEBHOOK_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^whsec_\w+$/, { error: "must be a Stripe webhook signing secret (whsec_…)" }).optional()),
  /** Key-encryption keys of the protected channel, "version:base64,…", current first (docs/decisions/017); unset = the public development key. */
  PROTECTED_REPORT_KEYS: optionalText,
}).superRefine((env, ctx) => {
  // A real SMS line needs its key and sender number.
  if (env.SMS_PROVIDER === "kavenegar") {
    for (const name of ["KAVENEGAR_API_KEY", "KAVENEGAR_SENDER"] as const) if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when SMS_PROVIDER=kavenegar" });
  }
  // Attachments go to S3 when a bucket is named; then its address and keys are required.
  if (env.S3_BUCKET) {
    for (const name of S3_NEEDS) if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when S3_BUCKET is set" });
  } else if (S3_NEEDS.some((name) => env[name])) {
    ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "required when the other S3_ variables are set" });
  }
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
