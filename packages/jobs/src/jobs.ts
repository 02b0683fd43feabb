import PgBoss from "pg-boss";
import type { EscalationPolicy } from "@city137/core";
import { JOB_QUEUES, jobQueueConnection, type Database } from "@city137/db";
import { applyStripeEventJob, meterCity } from "./billing";
import { sweepDeadlines } from "./deadlines";
import { loggingDispatcher, type Dispatcher } from "./dispatcher";
import type { JobLog } from "./log";
import { refreshInsightCity } from "./insight";
import { relayOutbox, type RelayOptions } from "./relay";
import { activeTenantIds, jobTenant } from "./tenants";

export interface JobsOptions {
  db: Database;
  log: JobLog;
  /** The clock the deadline sweep and the relay's backoff read (tests move it). */
  now?: () => Date;
  /** Where outbox rows go; default: the log. */
  dispatcher?: Dispatcher;
  escalation?: Partial<EscalationPolicy>;
  relay?: Partial<Pick<RelayOptions, "maxAttempts" | "batchSize" | "retryBaseMs" | "dispatchTimeoutMs">>;
  /** Run the workers in this process (default true); false = only enqueue and schedule. */
  workers?: boolean;
  /** How often an idle worker polls its queue (default 2 s). */
  pollingIntervalSeconds?: number;
  /** Run pg-boss's clock in this process, turning the every-minute schedules (JOB_SCHEDULES, registered by the migrations) into tick jobs (default true). */
  schedule?: boolean;
}

/** A city's job: every payload names its city; requestIds narrows a sweep to those messages. */
export interface CityJob {
  tenantId: string;
  requestIds?: string[];
}

export interface Jobs {
  /** Queues a deadline sweep for one city (or every active city) and wakes the worker. Returns the jobs queued. */
  sweepNow(tenantId?: string): Promise<number>;
  /** Queues an outbox relay for one city (or every active city) and wakes the worker. Returns the jobs queued. */
  relayNow(tenantId?: string): Promise<number>;
  /** Queues usage metering for one city (or every active city) and wakes the worker. Returns the jobs queued. */
  meterNow(tenantId?: string): Promise<number>;
  /** Queues a dashboard rollup refresh for one city (or every active city) and wakes the worker. Returns the jobs queued. */
  insightNow(tenantId?: string): Promise<number>;
  /** Queues a verified Stripe webhook event for its city (each event its own job) and wakes the worker. */
  stripeEvent(data: { city: string; event: object }): Promise<string | null>;
  /** Queues a job as any producer would (payload as given: the worker checks it; one waiting job per city and queue). */
  send(queue: (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES], data: object): Promise<string | null>;
  /** Stops polling and scheduling, letting running jobs finish (up to 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the application database (its own pool on Postgres, the
 * PGlite handle through executeSql otherwise) without migrating it: the
 * schema, queues and schedules come from runMigrations, as the owner. Runs
 * the clock for the every-minute ticks and, unless workers is false, works
 * the queues:
 *   deadlines-tick / outbox-tick → one per-city job per active city;
 *   deadlines-sweep / outbox-relay { tenantId } → sweepDeadlines / relayOutbox in withTenant.
 * A per-city job whose tenantId is missing, malformed or not an active city
 * does nothing.
 */
export async function startJobs(opts: JobsOptions): Promise<Jobs> {
  const { db, log } = opts;
  const now = opts.now ?? (() => new Date());
  const dispatcher = opts.dispatcher ?? loggingDispatcher(log);
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;

  const boss = new PgBoss({ ...jobQueueConnection(db), migrate: false, supervise: true, schedule: opts.schedule ?? true });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  try {
    await boss.start();
  } catch (err) {
    // pg-boss opened its own pool (Postgres) before finding no schema: close it.
    const own = boss.getDb() as { isOurs?: boolean; opened?: boolean; close?: () => Promise<void> };
    if (own.isOurs && own.opened) await own.close?.();
    throw new Error(`The job queue could not start (${err instanceof Error ? err.message : String(err)}); run the migrations as the owner role.`, { cause: err });
  }

  const fanOut = async (queue: string, tenantId?: string) => {
    const ids = tenantId ? [tenantId] : await activeTenantIds(db);
    let queued = 0;
    // Outside any transaction: on PGlite a send waits for the connection.
    for (const id of ids) if (await boss.send(queue, { tenantId: id } satisfies CityJob, { singletonKey: id })) queued++;
    return queued;
  };

  const skip = (job: PgBoss.Job<CityJob> | undefined) => {
    log.warn({ queue: job?.name, jobId: job?.id }, "job without a valid city: nothing done");
    return { skipped: true };
  };

  const workerIds = new Map<string, string>();
  if (opts.workers ?? true) {
    const work = { pollingIntervalSeconds, batchSize: 1 };
    workerIds.set(JOB_QUEUES.deadlinesTick, await boss.work(JOB_QUEUES.deadlinesTick, work, async () => ({ queued: await fanOut(JOB_QUEUES.deadlinesSweep) })));
    workerIds.set(JOB_QUEUES.outboxTick, await boss.work(JOB_QUEUES.outboxTick, work, async () => ({ queued: await fanOut(JOB_QUEUES.outboxRelay) })));
    workerIds.set(JOB_QUEUES.billingTick, await boss.work(JOB_QUEUES.billingTick, work, async () => ({ queued: await fanOut(JOB_QUEUES.billingMeter) })));
    workerIds.set(
      JOB_QUEUES.billingMeter,
      await boss.work<CityJob>(JOB_QUEUES.billingMeter, work, async ([job]) => {
        const tenantId = job && (await jobTenant(db, job.data));
        if (!job || !tenantId) return skip(job);
        return meterCity(db, { tenantId, now: now() });
      }),
    );
    workerIds.set(JOB_QUEUES.insightTick, await boss.work(JOB_QUEUES.insightTick, work, async () => ({ queued: await fanOut(JOB_QUEUES.insightRefresh) })));
    workerIds.set(
      JOB_QUEUES.insightRefresh,
      await boss.work<CityJob>(JOB_QUEUES.insightRefresh, work, async ([job]) => {
        const tenantId = job && (await jobTenant(db, job.data));
        if (!job || !tenantId) return skip(job);
        return refreshInsightCity(db, { tenantId });
      }),
    );
    workerIds.set(JOB_QUEUES.billingStripeEvent, await boss.work(JOB_QUEUES.billingStripeEvent, work, async ([job]) => applyStripeEventJob(db, job?.data, now())));

    workerIds.set(
      JOB_QUEUES.deadlinesSweep,
      await boss.work<CityJob>(JOB_QUEUES.deadlinesSweep, work, async ([job]) => {
        const tenantId = job && (await jobTenant(db, job.data));
        if (!job || !tenantId) return skip(job);
        const requestIds = Array.isArray(job.data.requestIds) ? job.data.requestIds.filter((x): x is string => typeof x === "string") : undefined;
        const result = await sweepDeadlines(db, { tenantId, now: now(), policy: opts.escalation, requestIds });
        const { reminder, escalation1, escalation2 } = result.written;
        if (reminder + escalation1 + escalation2 > 0) log.info({ tenantId, reminder, escalation1, escalation2 }, "deadline notices written");
        return result;
      }),
    );

    workerIds.set(
      JOB_QUEUES.outboxRelay,
      await boss.work<CityJob>(JOB_QUEUES.outboxRelay, work, async ([job]) => {
        const tenantId = job && (await jobTenant(db, job.data));
        if (!job || !tenantId) return skip(job);
        return relayOutbox(db, { tenantId, dispatcher, now: now(), log, ...opts.relay });
      }),
    );
  }

  const wake = (queue: string) => {
    const id = workerIds.get(queue);
    if (id) boss.notifyWorker(id);
  };

  let stopping: Promise<void> | null = null;
  return {
    sweepNow: async (tenantId) => {
      const n = await fanOut(JOB_QUEUES.deadlinesSweep, tenantId);
      wake(JOB_QUEUES.deadlinesSweep);
      return n;
    },
    relayNow: async (tenantId) => {
      const n = await fanOut(JOB_QUEUES.outboxRelay, tenantId);
      wake(JOB_QUEUES.outboxRelay);
      return n;
    },
    meterNow: async (tenantId) => {
      const n = await fanOut(JOB_QUEUES.billingMeter, tenantId);
      wake(JOB_QUEUES.billingMeter);
      return n;
    },
    insightNow: async (tenantId) => {
      const n = await fanOut(JOB_QUEUES.insightRefresh, tenantId);
      wake(JOB_QUEUES.insightRefresh);
      return n;
    },
    stripeEvent: async (data) => {
      const id = await boss.send(JOB_QUEUES.billingStripeEvent, data);
      wake(JOB_QUEUES.billingStripeEvent);
      return id;
    },
    send: (queue, data) => {
      const key = (data as { tenantId?: unknown }).tenantId;
      return boss.send(queue, data, typeof key === "string" ? { singletonKey: key } : {});
    },
    stop: () =>
      (stopping ??= (async () => {
        await boss.stop({ graceful: true, timeout: 10_000, close: true, wait: true });
      })()),
  };
}
