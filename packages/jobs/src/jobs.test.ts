import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbox, JOB_QUEUES, JOB_SCHEDULES, withTenant } from "@city137/db";
import type { OutboxMessage } from "./dispatcher";
import { startJobs, type Jobs } from "./jobs";
import { silentLog } from "./log";
import { addRequest, hours, outboxRows, seededDb, waitFor } from "./test-fixtures";

let t: Awaited<ReturnType<typeof seededDb>>;
const running: Jobs[] = [];
beforeAll(async () => {
  t = await seededDb();
});
afterAll(async () => {
  for (const j of running) await j.stop();
  await t?.close();
});

const NOW = new Date("2027-09-01T08:00:00.000Z");
const start = async (over: Partial<Parameters<typeof startJobs>[0]> = {}) => {
  const jobs = await startJobs({ db: t.db, log: silentLog, now: () => NOW, pollingIntervalSeconds: 0.5, schedule: false, ...over });
  running.push(jobs);
  return jobs;
};

interface JobRow {
  state: string;
  output: Record<string, unknown> | null;
}
const job = async (id: string) => (await t.owner.query<JobRow>("select state::text as state, output from pgboss.job where id = $1", [id]))[0];
const done = (id: string) => waitFor(async () => {
  const j = await job(id);
  return j && ["completed", "failed"].includes(j.state) ? j : null;
});

describe("the job queue on this database", () => {
  it("is installed by the migrations, owned by the owner, and gives the runtime role rows but no DDL", async () => {
    const [queues] = await t.owner.query<{ names: string[] }>("select array_agg(name order by name) as names from pgboss.queue");
    expect(queues!.names).toEqual(expect.arrayContaining(Object.values(JOB_QUEUES)));
    const schedules = await t.owner.query<{ name: string; cron: string; timezone: string }>("select name, cron, timezone from pgboss.schedule order by name");
    expect(schedules).toEqual(JOB_SCHEDULES.map((s) => ({ name: s.queue, cron: s.cron, timezone: "UTC" })).sort((a, b) => a.name.localeCompare(b.name)));
    const [rights] = await t.owner.query<{ create: boolean; usage: boolean; owns: boolean; can_create_queue: boolean; job_dml: boolean }>(`
      select has_schema_privilege('app_user', 'pgboss', 'CREATE') as create,
             has_schema_privilege('app_user', 'pgboss', 'USAGE') as usage,
             exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = 'pgboss' and pg_has_role('app_user', c.relowner, 'MEMBER')) as owns,
             has_function_privilege('app_user', 'pgboss.create_queue(text, json)', 'EXECUTE') as can_create_queue,
             has_table_privilege('app_user', 'pgboss.job', 'SELECT, INSERT, UPDATE, DELETE') as job_dml`);
    expect(rights).toEqual({ create: false, usage: true, owns: false, can_create_queue: false, job_dml: true });
    if (t.db.kind === "postgres") {
      // The runtime connection itself (app_user) is refused any DDL on the queue's schema.
      await expect(t.db.query("create table pgboss.intruder (id int)")).rejects.toThrow(/permission denied/);
      await expect(t.db.query("select pgboss.create_queue('intruder', '{}'::json)")).rejects.toThrow(/permission denied/);
      await expect(t.db.query("drop table pgboss.job")).rejects.toThrow(/must be owner|permission denied/);
    }
  });

  it("runs a city's sweep queued with sweepNow; a job without a valid city, or with another city's message, does nothing", async () => {
    const jobs = await start();
    const r = await addRequest(t.db, t.tehran, { deadline: new Date(NOW.getTime() - hours(1)) });
    const ignored = [
      await jobs.send(JOB_QUEUES.deadlinesSweep, {}),
      await jobs.send(JOB_QUEUES.deadlinesSweep, { tenantId: "tehran" }),
      await jobs.send(JOB_QUEUES.deadlinesSweep, { tenantId: "00000000-0000-4000-8000-000000000000" }),
      await jobs.send(JOB_QUEUES.outboxRelay, { tenantId: 42 }),
    ];
    for (const id of ignored) expect(await done(id!)).toMatchObject({ state: "completed", output: { skipped: true } });
    const foreign = await jobs.send(JOB_QUEUES.deadlinesSweep, { tenantId: t.shiraz, requestIds: [r.id] });
    expect(await done(foreign!)).toMatchObject({ state: "completed", output: { looked: 0 } });
    expect(await outboxRows(t.owner, [r.id])).toEqual([]);

    expect(await jobs.sweepNow(t.tehran)).toBe(1);
    const rows = await waitFor(async () => {
      const found = await outboxRows(t.owner, [r.id]);
      return found.length ? found : null;
    });
    expect(rows.map((o) => [o.tenant_id, o.topic])).toEqual([[t.tehran, "staff.escalation"]]);
  });

  it("relays the outbox through the injected dispatcher on relayNow", async () => {
    const seen: OutboxMessage[] = [];
    const jobs = await start({ dispatcher: { dispatch: async (m) => void seen.push(m) } });
    await withTenant(t.db, t.shiraz, (tx) => enqueueOutbox(tx, { tenantId: t.shiraz, topic: "sms.test", dedupeKey: "jobs-test:1", payload: { hello: "shiraz" } }));
    expect(await jobs.relayNow(t.shiraz)).toBe(1);
    await waitFor(async () => (await outboxRows(t.owner)).find((o) => o.dedupe_key === "jobs-test:1" && o.sent));
    expect(seen.find((m) => m.dedupeKey === "jobs-test:1")).toMatchObject({ tenantId: t.shiraz, topic: "sms.test", payload: { hello: "shiraz" } });
  });

  it("keeps queued work across a restart: a job queued before stop runs on the next instance", async () => {
    for (const j of running.splice(0)) await j.stop();
    const r = await addRequest(t.db, t.tehran, { deadline: new Date(NOW.getTime() - hours(2)) });

    const producer = await start({ workers: false });
    expect(await producer.sweepNow(t.tehran)).toBe(1);
    await producer.stop();
    const [queued] = await t.owner.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = $1 and state = 'created' and data->>'tenantId' = $2", [JOB_QUEUES.deadlinesSweep, t.tehran]);
    expect(queued!.n).toBe(1);
    expect(await outboxRows(t.owner, [r.id])).toEqual([]);

    await start();
    await waitFor(async () => (await outboxRows(t.owner, [r.id])).length > 0);
    expect((await outboxRows(t.owner, [r.id])).map((o) => o.dedupe_key)).toEqual([`escalation:1:${r.id}:${new Date(NOW.getTime() - hours(2)).toISOString()}`]);
  });

  it("sweeps every active city on the every-minute schedule, unasked", async () => {
    const qom = (await t.owner.query<{ id: string }>("select id::text as id from tenants where slug = 'qom'"))[0]!.id;
    const inTehran = await addRequest(t.db, t.tehran, { deadline: new Date(NOW.getTime() - hours(3)) });
    const inQom = await addRequest(t.db, qom, { deadline: new Date(NOW.getTime() - hours(3)) });
    const jobs = await start({ schedule: true });
    const rows = await waitFor(async () => {
      const found = await outboxRows(t.owner, [inTehran.id, inQom.id]);
      return found.length === 2 ? found : null;
    }, 45_000);
    expect(rows.map((o) => o.tenant_id).sort()).toEqual([t.tehran, qom].sort());
    await jobs.stop();
  });

  it("refuses to start on a database whose job queue was never installed", async () => {
    for (const j of running.splice(0)) await j.stop();
    await t.owner.exec("alter schema pgboss rename to pgboss_hidden");
    try {
      await expect(startJobs({ db: t.db, log: silentLog, schedule: false })).rejects.toThrow(/run the migrations/);
    } finally {
      await t.owner.exec("alter schema pgboss_hidden rename to pgboss");
    }
  });
});
