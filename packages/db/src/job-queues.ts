import PgBoss from "pg-boss";
import type { Database } from "./client";

/** pg-boss lives in its own schema of the same database (docs/decisions/006). */
export const JOB_SCHEMA = "pgboss";

/**
 * The queues the workers use. Each pg-boss queue is a partition table, so
 * creating one is DDL: it happens here, in the migration step, as the owner.
 * The runtime role only reads and writes rows (sql/pgboss-grants.sql).
 */
export const JOB_QUEUES = {
  /** Every minute: fans out one deadline sweep per active city. No tenant data. */
  deadlinesTick: "deadlines-tick",
  /** One city's deadline sweep; payload { tenantId, requestIds? }. */
  deadlinesSweep: "deadlines-sweep",
  /** Every minute: fans out one outbox relay per active city. No tenant data. */
  outboxTick: "outbox-tick",
  /** One city's outbox relay; payload { tenantId }. */
  outboxRelay: "outbox-relay",
  /** Daily: fans out one usage metering per active city (docs/decisions/011). No tenant data. */
  billingTick: "billing-tick",
  /** One city's metering: recount recent days, re-evaluate its billing state; payload { tenantId }. Safe to run twice. */
  billingMeter: "billing-meter",
  /** One verified Stripe webhook event; payload { city, event }. Applied once per event id. */
  billingStripeEvent: "billing-stripe-event",
  /** Every minute: fans out one dashboard rollup refresh per active city (docs/decisions/016). No tenant data. */
  insightTick: "insight-tick",
  /** One city's rollup refresh: recompute the days marked stale; payload { tenantId }. Safe to run twice. */
  insightRefresh: "insight-refresh",
} as const;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/**
 * pg-boss cron schedules (UTC), registered with the queues so that they are
 * in place before any worker's clock first looks for them. A process that
 * runs pg-boss with scheduling on turns each into one job per minute across
 * all processes.
 */
export const JOB_SCHEDULES: ReadonlyArray<{ queue: JobQueueName; cron: string }> = [
  { queue: JOB_QUEUES.deadlinesTick, cron: "* * * * *" },
  { queue: JOB_QUEUES.outboxTick, cron: "* * * * *" },
  // 01:00 in Tehran (UTC+03:30): yesterday is complete
  { queue: JOB_QUEUES.billingTick, cron: "30 21 * * *" },
  { queue: JOB_QUEUES.insightTick, cron: "* * * * *" },
];

/** pg-boss's own queue for cron (Timekeeper); it would try to create it at start as the runtime role. */
const PGBOSS_CRON_QUEUE = "__pgboss__send-it";

const tick: PgBoss.Queue = { name: "", policy: "standard", retryLimit: 1, retryDelay: 5, expireInSeconds: 60, retentionMinutes: 60 };
/** Per city: at most one waiting and one running job per city (singletonKey = tenantId). */
const perCity: PgBoss.Queue = {
  name: "",
  policy: "stately",
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 300,
  retentionMinutes: 60,
};

const QUEUE_OPTIONS: Record<JobQueueName, PgBoss.Queue> = {
  [JOB_QUEUES.deadlinesTick]: { ...tick, name: JOB_QUEUES.deadlinesTick },
  [JOB_QUEUES.deadlinesSweep]: { ...perCity, name: JOB_QUEUES.deadlinesSweep },
  [JOB_QUEUES.outboxTick]: { ...tick, name: JOB_QUEUES.outboxTick },
  [JOB_QUEUES.outboxRelay]: { ...perCity, name: JOB_QUEUES.outboxRelay },
  [JOB_QUEUES.billingTick]: { ...tick, name: JOB_QUEUES.billingTick },
  [JOB_QUEUES.billingMeter]: { ...perCity, name: JOB_QUEUES.billingMeter },
  [JOB_QUEUES.insightTick]: { ...tick, name: JOB_QUEUES.insightTick },
  [JOB_QUEUES.insightRefresh]: { ...perCity, name: JOB_QUEUES.insightRefresh },
  // every event is its own job (no per-city singleton): none may be dropped
  [JOB_QUEUES.billingStripeEvent]: { name: JOB_QUEUES.billingStripeEvent, policy: "standard", retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 120, retentionMinutes: 60 * 24 },
};

/**
 * pg-boss's connection for a database handle: its own pool from the URL on
 * Postgres, the handle's executeSql on PGlite (one in-process connection).
 */
export function jobQueueConnection(db: Database, opts: { max?: number; applicationName?: string } = {}): PgBoss.DatabaseOptions {
  if (db.kind === "postgres") {
    if (!db.connectionString) throw new Error("The Postgres handle has no connection URL for the job queue.");
    return { connectionString: db.connectionString, max: opts.max ?? 2, application_name: opts.applicationName ?? "city137-jobs", schema: JOB_SCHEMA };
  }
  return { db: { executeSql: (text, values) => db.executeSql(text, values) }, schema: JOB_SCHEMA };
}

/**
 * Installs or upgrades pg-boss's schema, creates the queues and registers the
 * schedules. Runs as the
 * owner, from runMigrations; idempotent, and safe to run from two processes
 * at once (pg-boss takes an advisory lock).
 */
export async function installJobQueues(owner: Database): Promise<void> {
  const boss = new PgBoss({ ...jobQueueConnection(owner, { max: 1, applicationName: "city137-migrate" }), migrate: true, supervise: false, schedule: false });
  let failure: unknown = null;
  boss.on("error", (err) => (failure ??= err));
  await boss.start();
  try {
    await boss.createQueue(PGBOSS_CRON_QUEUE);
    for (const options of Object.values(QUEUE_OPTIONS)) {
      await boss.createQueue(options.name, options);
      await boss.updateQueue(options.name, options);
    }
    for (const { queue, cron } of JOB_SCHEDULES) await boss.schedule(queue, cron, {}, { tz: "UTC" });
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  if (failure) throw failure;
}
