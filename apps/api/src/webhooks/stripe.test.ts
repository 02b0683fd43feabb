/**
 * Stripe's webhook over HTTP, with the real job queue applying events:
 * forged and stale signatures are refused, a replayed event has one effect,
 * events arriving out of order end in the newest state, a failed payment
 * then a paid one leave the city active.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeWebhooks } from "@city137/billing";
import { applyBillingEvent, ensureBillingAccount, findBillingAccount, findTenantBySlug, updateBillingAccount, withoutTenant, withTenant } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { silentLog, startJobs, type Jobs } from "@city137/jobs";
import { createApp } from "../app";
import { createLogger } from "../logger";

const SECRET = "whsec_test_city137";
let t: TestDb;
let jobs: Jobs;
let app: ReturnType<typeof createApp>;
let qom: string;

beforeAll(async () => {
  t = await createTestDb();
  jobs = await startJobs({ db: t.db, log: silentLog, pollingIntervalSeconds: 0.5, schedule: false });
  app = createApp({ db: t.db, log: createLogger("silent"), trustProxy: false, stripeWebhook: { secret: SECRET, enqueue: (job) => jobs.stripeEvent(job) } });
  qom = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "qom")))!.id;
  await withTenant(t.db, qom, async (tx) => {
    await ensureBillingAccount(tx, { tenantId: qom });
    await updateBillingAccount(tx, { tenantId: qom, change: { provider: "stripe", stripeCustomerId: "cus_qom137" } });
  });
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

let seq = 0;
const event = (type: string, object: Record<string, unknown>, created: number) => ({ id: `evt_${type.replace(/\W/g, "_")}_${++seq}`, object: "event", type, created, data: { object } });
const post = async (body: object, opts: { secret?: string; timestamp?: number; signature?: string } = {}) => {
  const payload = JSON.stringify(body);
  const header = opts.signature ?? stripeWebhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000) });
  const res = await app.request("/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });
  return { status: res.status, body: await res.json() };
};
const eventRows = (id: string) => t.owner.query<{ id: string }>("select id from billing_stripe_events where id = $1", [id]);
const outcomes = async (id: string) =>
  (await t.owner.query<{ state: string; output: { outcome?: string } | null }>("select state::text as state, output from pgboss.job where name = 'billing-stripe-event' and data->'event'->>'id' = $1", [id]));
async function settled(id: string, n: number) {
  for (let i = 0; i < 120; i++) {
    const rows = await outcomes(id);
    if (rows.length === n && rows.every((r) => r.state === "completed")) return rows.map((r) => r.output?.outcome).sort();
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jobs for ${id} did not complete: ${JSON.stringify(await outcomes(id))}`);
}
const account = () => withTenant(t.db, qom, (tx) => findBillingAccount(tx, { tenantId: qom }));
const evaluate = () => withTenant(t.db, qom, (tx) => applyBillingEvent(tx, { tenantId: qom, event: "evaluate", today: "2026-11-26", at: new Date() }));
const base = Math.floor(Date.now() / 1000) - 3600;

describe("POST /webhooks/stripe", () => {
  it("refuses a forged signature, a wrong secret and a stale timestamp with 400, and records nothing", async () => {
    const e = event("customer.subscription.created", { id: "sub_forged", object: "subscription", customer: "cus_qom137", status: "active" }, base);
    expect((await post(e, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
    expect((await post(e, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await post(e, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(400);
    const body = JSON.stringify(e);
    const tampered = { ...e, data: { object: { ...e.data.object, status: "canceled" } } };
    const header = stripeWebhooks.generateTestHeaderString({ payload: body, secret: SECRET });
    const res = await app.request("/webhooks/stripe", { method: "POST", headers: { "stripe-signature": header }, body: JSON.stringify(tampered) });
    expect(res.status).toBe(400); // signed body ≠ body received
    expect(await eventRows(e.id)).toEqual([]);
    expect(await outcomes(e.id)).toEqual([]);
    // control: the same event properly signed is accepted
    expect((await post(e)).status).toBe(200);
    expect(await settled(e.id, 1)).toEqual(["applied"]);
  });

  it("applies an event delivered five times once", async () => {
    const e = event("customer.subscription.updated", { id: "sub_qom", object: "subscription", customer: "cus_qom137", status: "active" }, base + 100);
    for (let i = 0; i < 5; i++) expect((await post(e)).status).toBe(200);
    expect(await settled(e.id, 5)).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await eventRows(e.id)).toHaveLength(1);
    expect(await account()).toMatchObject({ stripeSubscriptionId: "sub_qom", stripeSubscriptionStatus: "active", state: "active" });
  });

  it("ends in the newest state when subscription.updated arrives before subscription.created", async () => {
    const created = event("customer.subscription.created", { id: "sub_qom", object: "subscription", customer: "cus_qom137", status: "incomplete" }, base + 200);
    const updated = event("customer.subscription.updated", { id: "sub_qom", object: "subscription", customer: "cus_qom137", status: "past_due" }, base + 300);
    expect((await post(updated)).status).toBe(200);
    expect(await settled(updated.id, 1)).toEqual(["applied"]);
    expect((await post(created)).status).toBe(200);
    expect(await settled(created.id, 1)).toEqual(["stale"]);
    expect(await account()).toMatchObject({ stripeSubscriptionStatus: "past_due", state: "past_due" });
    expect(await eventRows(created.id)).toHaveLength(1); // recorded, so a redelivery is a duplicate
  });

  it("a failed payment then a paid invoice leave the city active", async () => {
    const failed = event("invoice.payment_failed", { id: "in_1", object: "invoice", customer: "cus_qom137", status: "open" }, base + 400);
    const paid = event("invoice.paid", { id: "in_1", object: "invoice", customer: "cus_qom137", status: "paid" }, base + 500);
    await post(failed);
    expect(await settled(failed.id, 1)).toEqual(["applied"]);
    expect((await account())!.state).toBe("past_due");
    // the daily job and the overview re-evaluate from offline invoices: none is overdue, yet the failure stands
    await evaluate();
    expect((await account())!.state).toBe("past_due");
    await post(paid);
    expect(await settled(paid.id, 1)).toEqual(["applied"]);
    expect((await account())!.state).toBe("active");
    await evaluate();
    expect((await account())!.state).toBe("active");
  });

  it("a subscription Stripe reports past due stays past due through re-evaluation until it is active again", async () => {
    const pastDue = event("customer.subscription.updated", { id: "sub_qom", object: "subscription", customer: "cus_qom137", status: "past_due" }, base + 600);
    const active = event("customer.subscription.updated", { id: "sub_qom", object: "subscription", customer: "cus_qom137", status: "active" }, base + 700);
    await post(pastDue);
    expect(await settled(pastDue.id, 1)).toEqual(["applied"]);
    await evaluate();
    expect((await account())!.state).toBe("past_due");
    await post(active);
    expect(await settled(active.id, 1)).toEqual(["applied"]);
    await evaluate();
    expect((await account())!.state).toBe("active");
  });

  it("answers an event about a customer that is none of ours without queueing it", async () => {
    const e = event("invoice.paid", { id: "in_x", object: "invoice", customer: "cus_unknown", status: "paid" }, base);
    expect(await post(e)).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(await outcomes(e.id)).toEqual([]);
  });
});
