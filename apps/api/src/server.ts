import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { assertRuntimeRoleSafe, createDatabase, listActiveTenants, runMigrations, seedDemo, withoutTenant, type Database, type DemoSignIn } from "@city137/db";
import { loggingDispatcher, startJobs, type Jobs, type JobsOptions } from "@city137/jobs";
import { devSmsProvider, kavenegarProvider, refreshDeliveries, smsDispatcher, type SmsProvider } from "@city137/notify";
import { createFileStore, LocalDiskStore, type FileStore } from "@city137/files";
import { createStripeClient, stripeDispatcher } from "@city137/billing";
import { devKeyring, keyringFromConfig, type ProtectedKeyring } from "@city137/api";
import { createApp } from "./app";
import type { Env } from "./env";
import { createLogger, type Logger } from "./logger";

export interface StartOptions {
  port: number;
  host?: string;
  /** Postgres runtime URL (app_user); absent = embedded PGlite. */
  databaseUrl?: string;
  /** Owner URL for migrations on Postgres; absent = migrations are run separately. */
  migrationUrl?: string;
  /** PGlite directory; absent with no databaseUrl = in memory. */
  dataDir?: string;
  seed?: boolean;
  log?: Logger;
  trustProxy?: boolean;
  /** Run the job workers here (deadline reminders and escalation, outbox relay); default off, JOBS=on|off from the environment. */
  jobs?: boolean;
  /** The outbox relay's retry backoff and attempts (default: a minute, doubling, 8 attempts); the fault tests shorten it. */
  relay?: JobsOptions["relay"];
  /** Attachment storage; absent = local disk under ./.data/files. */
  files?: FileStore;
  /** The API's clock (tests move it forward to make deadlines pass); default: real time. */
  now?: () => Date;
  /** Where the outbox's SMS go and where their links point; default: the development provider, the local console. */
  sms?: { provider?: SmsProvider; portalUrl: string };
  /** Stripe billing; absent secret key = every city is billed offline (docs/decisions/011). `host` only for mocks. */
  stripe?: { secretKey?: string; webhookSecret?: string; host?: string };
  /** The protected channel's key-encryption keys; absent = the public development key (docs/decisions/017). */
  protectedKeys?: ProtectedKeyring;
}

export interface RunningApi {
  url: string;
  port: number;
  database: "pglite" | "postgres";
  seeded: boolean;
  signIns: DemoSignIn[];
  /** The job queue when its workers run in this process. */
  jobs: Jobs | null;
  close(): Promise<void>;
}

/** The start options the environment describes (one reading for the API and the start script). */
export function optionsFromEnv(env: Env, log: Logger): StartOptions {
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    migrationUrl: env.MIGRATION_DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.PGLITE_DIR,
    seed: env.seedDemo,
    log,
    trustProxy: env.TRUST_PROXY,
    jobs: env.JOBS === "on",
    sms: {
      provider: env.SMS_PROVIDER === "kavenegar" ? kavenegarProvider({ apiKey: env.KAVENEGAR_API_KEY!, sender: env.KAVENEGAR_SENDER!, baseUrl: env.KAVENEGAR_BASE_URL }) : devSmsProvider(),
      portalUrl: env.PORTAL_URL,
    },
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    },
    protectedKeys: keyringFromConfig(env.PROTECTED_REPORT_KEYS),
    files: createFileStore({
      dir: env.FILES_DIR,
      s3: env.S3_BUCKET
        ? { endpoint: env.S3_ENDPOINT!, bucket: env.S3_BUCKET, accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY!, region: env.S3_REGION, forcePathStyle: env.S3_FORCE_PATH_STYLE }
        : undefined,
    }),
  };
}

/**
 * Opens the database, migrates (PGlite always; Postgres when an owner URL is
 * given), refuses to run if row-level security could be bypassed, seeds the
 * demo cities if asked, starts the job workers if asked, and serves.
 */
export async function startApiServer(opts: StartOptions): Promise<RunningApi> {
  const log = opts.log ?? createLogger("silent");
  if (opts.migrationUrl) {
    const owner = await createDatabase({ url: opts.migrationUrl, max: 1 });
    try {
      await runMigrations(owner);
    } finally {
      await owner.close();
    }
  }
  const db = await createDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, applicationName: "city137-api" });
  try {
    if (db.kind === "pglite") await runMigrations(db);
    await assertRuntimeRoleSafe(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const { seeded, signIns } = opts.seed ? await seedDemo(db) : { seeded: false, signIns: [] };
  const jobs = opts.jobs
    ? await startJobs({ db, log: log.child({ component: "jobs" }), dispatcher: smsDispatcherOf(opts, log), relay: opts.relay }).catch(async (err: unknown) => {
        await db.close();
        throw err;
      })
    : null;

  const deliveries = jobs ? pollDeliveries(db, opts.sms?.provider ?? devSmsProvider(), log) : null;
  const files = opts.files ?? new LocalDiskStore(".data/files");
  const nudgeOutbox = jobs ? () => void jobs.relayNow().catch((err: unknown) => log.warn({ err }, "outbox relay could not be woken")) : undefined;
  const stripeWebhook = { secret: opts.stripe?.webhookSecret, enqueue: jobs ? (job: { city: string; event: object }) => jobs.stripeEvent(job) : undefined };
  const protectedKeys = opts.protectedKeys ?? devKeyring();
  if (protectedKeys.dev && db.kind === "postgres") log.warn("PROTECTED_REPORT_KEYS is not set: protected reports are encrypted with the public development key (docs/decisions/017)");
  const app = createApp({ db, log, trustProxy: opts.trustProxy ?? true, now: opts.now, files, nudgeOutbox, stripeWebhook, protectedKeys });
  const host = opts.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    database: db.kind,
    seeded,
    signIns,
    jobs,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Running jobs finish (up to 10 s) before the database goes.
      if (deliveries) clearInterval(deliveries);
      await jobs?.stop();
      await db.close();
    },
  };
}

/** The outbox's dispatcher: SMS through the configured provider, anything else logged. */
function smsDispatcherOf(opts: StartOptions, log: Logger) {
  const jobsLog = log.child({ component: "sms" });
  return smsDispatcher({
    provider: opts.sms?.provider ?? devSmsProvider(),
    portalUrl: opts.sms?.portalUrl ?? "http://127.0.0.1:3137",
    // Stripe's calls when a key is configured; anything else logged
    fallback: opts.stripe?.secretKey
      ? stripeDispatcher({ stripe: createStripeClient({ secretKey: opts.stripe.secretKey, host: opts.stripe.host }), fallback: loggingDispatcher(jobsLog) })
      : loggingDispatcher(jobsLog),
    log: jobsLog,
  });
}

/** Every two minutes, asks a provider that can be asked (Kavenegar) what became of each city's pending SMS. */
function pollDeliveries(db: Database, provider: SmsProvider, log: Logger): NodeJS.Timeout | null {
  if (!provider.status) return null;
  const timer = setInterval(() => {
    void (async () => {
      for (const city of await withoutTenant(db, (tx) => listActiveTenants(tx))) {
        await refreshDeliveries(db, { tenantId: city.id, provider, now: new Date() });
      }
    })().catch((err: unknown) => log.warn({ err }, "SMS delivery reports could not be read"));
  }, 120_000);
  timer.unref();
  return timer;
}
