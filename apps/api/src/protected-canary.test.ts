import { Writable } from "node:stream";
import { DEMO_PASSWORD, recordAudit, withTenant, listActiveTenants, withoutTenant } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { phoneJpeg } from "@city137/files/testing";
import { startJobs, type Jobs } from "@city137/jobs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";

/**
 * The protected channel keeps nothing of the reporter's client (docs/decisions/017):
 * a report filed, followed up and answered with a distinctive User-Agent and
 * X-Forwarded-For, then every text and JSON column of every table (the
 * platform's and pg-boss's), every log line and every job payload searched for
 * them. The same search finds a value planted on purpose.
 */
const CANARY_UA = "Mozilla/5.0 (CanaryPhone-7f3b9c; Android 14) CanaryBrowser/99.1";
const CANARY_UA_MARK = "CanaryPhone-7f3b9c";
const CANARY_IP = "198.18.77.231";

let t: TestDb;
let jobs: Jobs;
let app: ReturnType<typeof createApp>;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: "trace", base: { service: "city137-api" } }, sink);
  jobs = await startJobs({ db: t.db, log: log.child({ component: "jobs" }), pollingIntervalSeconds: 1 });
  app = createApp({ db: t.db, log, trustProxy: true, nudgeOutbox: () => void jobs.relayNow() });
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

const reporterHeaders = { "content-type": "application/json", "user-agent": CANARY_UA, "x-forwarded-for": `${CANARY_IP}, 10.0.0.1`, "x-real-ip": CANARY_IP };
async function call(path: string, input: unknown, headers: Record<string, string> = reporterHeaders) {
  const res = await app.request(`/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result!.data as Record<string, unknown>;
}

/** Every text/varchar/json/jsonb column of every table outside the system schemas. */
async function textColumns() {
  return t.owner.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'inet', 'USER-DEFINED')`,
  );
}

/** The places in the database where a value occurs, as "schema.table.column". */
async function findInDatabase(needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const c of await textColumns()) {
    const [row] = await t.owner.query<{ n: number }>(
      `select count(*)::int as n from "${c.table_schema}"."${c.table_name}" where "${c.column_name}"::text like '%' || $1 || '%'`,
      [needle],
    );
    if (row!.n > 0) hits.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  return hits;
}

const findInLogs = (needle: string) => logLines.filter((l) => l.includes(needle));

describe("the reporter's address and browser are kept nowhere", () => {
  it("after a report, a follow-up and an answer: not in any table, log line or job payload", async () => {
    const photo = Buffer.from(await phoneJpeg()).toString("base64");
    const filed = await call("protectedReport.submit", { city: "tehran", text: "پیمانکار آسفالت منطقهٔ دو بدون مناقصه انتخاب شد", files: [{ name: "IMG_1.jpg", data: photo }] });
    const receipt = filed.receipt as string;
    await call("protectedReport.follow", { city: "tehran", receipt });

    // An inspector asks (from the office), the reporter answers.
    const staff = { "content-type": "application/json", "x-forwarded-for": "192.0.2.10" };
    const token = (await call("auth.signIn", { city: "tehran", login: "tehran.inspector", password: DEMO_PASSWORD }, staff)).token as string;
    const inspector = { ...staff, authorization: `Bearer ${token}` };
    const list = (await (await app.request("/trpc/protectedReport.list", { headers: inspector })).json()) as { result: { data: Array<{ id: string }> } };
    const id = list.result.data[0]!.id;
    await call("protectedReport.ask", { id, text: "تاریخ قرارداد را می‌دانید؟" }, inspector);
    await call("protectedReport.reply", { city: "tehran", receipt, text: "اوایل مهر" });

    // The job workers have run over the same database meanwhile (and once more now).
    const tenants = await withoutTenant(t.db, (tx) => listActiveTenants(tx));
    expect(await jobs.relayNow()).toBeGreaterThanOrEqual(0);
    await new Promise((r) => setTimeout(r, 1500));

    const columns = await textColumns();
    // the search covers the platform's tables and pg-boss's job table (payloads in job.data)
    expect(columns.map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(["public.audit_log.ip", "public.audit_log.detail", "pgboss.job.data", "public.protected_reports.body", "public.outbox.payload"]));
    const [jobsRow] = await t.owner.query<{ n: number }>(`select count(*)::int as n from pgboss.job`);
    expect(jobsRow!.n).toBeGreaterThan(0);
    expect(tenants.length).toBeGreaterThan(0);

    expect(await findInDatabase(CANARY_IP)).toEqual([]);
    expect(await findInDatabase(CANARY_UA_MARK)).toEqual([]);
    expect(await findInDatabase(receipt)).toEqual([]);
    expect(findInLogs(CANARY_IP)).toEqual([]);
    expect(findInLogs(CANARY_UA_MARK)).toEqual([]);
    expect(findInLogs("protectedReport.submit")).toEqual([]);
    expect(findInLogs(receipt)).toEqual([]);
    // the logs did record the inspector's calls: the capture works
    expect(findInLogs("protectedReport.ask").length).toBeGreaterThan(0);
  });

  it("positive control: the same searches find a value planted in a table, a job payload and a log line", async () => {
    const planted = "PLANTED-canary-5e1d";
    const tehran = (await withoutTenant(t.db, (tx) => listActiveTenants(tx))).find((c) => c.slug === "tehran")!;
    await withTenant(t.db, tehran.id, (tx) => recordAudit(tx, tehran.id, { action: "test.planted", detail: { userAgent: planted }, ip: CANARY_IP }));
    await t.owner.query(`update pgboss.job set data = jsonb_set(coalesce(data, '{}'::jsonb), '{planted}', to_jsonb($1::text)) where id = (select id from pgboss.job limit 1)`, [`${planted}-job`]);
    pino({ base: null }, new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) })).info({ ua: `${planted}-log` }, "planted");

    expect(await findInDatabase(planted)).toEqual(expect.arrayContaining(["public.audit_log.detail", "pgboss.job.data"]));
    expect(await findInDatabase(CANARY_IP)).toEqual(["public.audit_log.ip"]);
    expect(findInLogs(`${planted}-log`)).toHaveLength(1);
  });

  it("the channel's tables have no time of day to keep: dates only", async () => {
    const cols = await t.owner.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and table_name like 'protected_report%' and data_type like 'timestamp%'`,
    );
    expect(cols).toEqual([]);
    const dated = await t.owner.query<{ n: number }>(`select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name like 'protected_report%' and data_type = 'date'`);
    expect(dated[0]!.n).toBe(3); // received_on, updated_on, written_on (control: the query sees these tables)
  });
});
