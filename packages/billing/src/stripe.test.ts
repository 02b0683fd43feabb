/**
 * Outgoing Stripe calls through the outbox, against Stripe's HTTP API stubbed
 * with msw: a city's customer and subscription are created once, a seat
 * change updates the seat item, usage reported twice reaches the meter once,
 * and a failed call is retried with the same idempotency key.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBillingAccount, findBillingAccount, findTenantBySlug, insertPlan, queueStripeSync, updateBillingAccount, withoutTenant, withPlatform, withTenant } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { meterCity, relayOutbox, silentLog } from "@city137/jobs";
import { tehranIsoDate } from "@city137/core";
import { addRequest } from "../../jobs/src/test-fixtures";
import { createStripeClient } from "./client";
import { stripeDispatcher } from "./dispatcher";
import { portalLink } from "./portal";
import { stripeMock } from "./testing/stripe-mock";

const stripe = stripeMock();
const server = setupServer(...stripe.handlers);
let t: TestDb;
let qom: string;
// made after msw is listening: the fetch client keeps the fetch it was given
let dispatcher: ReturnType<typeof stripeDispatcher>;
const relay = () => relayOutbox(t.db, { tenantId: qom, dispatcher, now: new Date(), retryBaseMs: 0, log: silentLog });
const account = () => withTenant(t.db, qom, (tx) => findBillingAccount(tx, { tenantId: qom }));
const outboxOf = (topic: string) => t.owner.query<{ dedupe_key: string; sent: boolean; attempts: number }>("select dedupe_key, sent_at is not null as sent, attempts::int from outbox where tenant_id = $1 and topic = $2 order by created_at", [qom, topic]);
const calls = (path: string) => stripe.calls.filter((c) => c.path === path);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  dispatcher = stripeDispatcher({ stripe: createStripeClient({ secretKey: "sk_test_city137" }) });
  t = await createTestDb();
  qom = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "qom")))!.id;
  const plan = await withPlatform(t.db, (tx) =>
    insertPlan(tx, { code: "stripe-city", nameFa: "استرایپ", nameEn: "Stripe city", monthlyPriceRial: 1, annualPriceRial: 1, includedSeats: 3, includedMessages: 100, extraSeatRial: 1, extraThousandMessagesRial: 1, stripeSeatPriceId: "price_seat", stripeUsagePriceId: "price_messages" }),
  );
  await withTenant(t.db, qom, async (tx) => {
    await ensureBillingAccount(tx, { tenantId: qom, contact: { name: "IT", email: "it@qom.example", phone: "" } });
    await updateBillingAccount(tx, { tenantId: qom, change: { provider: "stripe", planId: plan.id, legalName: "Qom Municipality" } });
    await queueStripeSync(tx, { tenantId: qom, reason: "account", at: new Date() });
  });
});
afterEach(() => stripe.reset());
afterAll(async () => {
  server.close();
  await t?.close();
});

describe("Stripe through the outbox", () => {
  it("creates the city's customer and a subscription with its seats and the usage price, once", async () => {
    await relay();
    const [customer] = calls("/v1/customers");
    expect(customer!.idempotencyKey).toBe(`customer:${qom}`);
    expect(customer!.form.get("name")).toBe("Qom Municipality");
    expect(customer!.form.get("metadata[tenant_id]")).toBe(qom);
    const [sub] = calls("/v1/subscriptions");
    expect(sub!.idempotencyKey).toMatch(new RegExp(`^subscription:${qom}:`));
    expect([sub!.form.get("items[0][price]"), sub!.form.get("items[0][quantity]"), sub!.form.get("items[1][price]")]).toEqual(["price_seat", "6", "price_messages"]);
    expect(await account()).toMatchObject({ stripeCustomerId: expect.stringMatching(/^cus_/), stripeSubscriptionId: expect.stringMatching(/^sub_/), stripeSubscriptionStatus: "active" });
    stripe.reset();
    await relay(); // nothing left to send
    expect(stripe.calls).toHaveLength(0);
  });

  it("changes the seat quantity when a staff account is deactivated", async () => {
    await t.owner.query("update staff set active = false where tenant_id = $1 and username = 'qom.inspector'", [qom]);
    await meterCity(t.db, { tenantId: qom, now: new Date() });
    await relay();
    const [update] = calls(`/v1/subscription_items/${[...stripe.subscriptions.values()][0]!.items[0]!.id}`);
    expect(update!.form.get("quantity")).toBe("5");
    expect(update!.idempotencyKey).toBe(`seats:stripe.sync:seats:${tehranIsoDate(new Date())}:5`);
    // metering again with the same seats asks Stripe nothing more
    stripe.reset();
    await meterCity(t.db, { tenantId: qom, now: new Date() });
    await relay();
    expect(calls("/v1/subscription_items/" + update!.path.split("/").pop())).toHaveLength(0);
  });

  it("reports usage run twice to the meter once, with an idempotent identifier", async () => {
    await addRequest(t.db, qom, { deadline: null });
    await addRequest(t.db, qom, { deadline: null });
    const first = await meterCity(t.db, { tenantId: qom, now: new Date() });
    const second = await meterCity(t.db, { tenantId: qom, now: new Date() });
    expect([first.stripeMeterEvents, second.stripeMeterEvents]).toEqual([1, 0]);
    expect((await outboxOf("stripe.meter")).length).toBe(1);
    stripe.failNext(1); // Stripe has an outage: the row stays, and is retried
    await relay();
    expect((await outboxOf("stripe.meter"))[0]).toMatchObject({ sent: false, attempts: 1 });
    await relay();
    const meter = calls("/v1/billing/meter_events");
    expect(meter).toHaveLength(2);
    expect(meter[0]!.idempotencyKey).toBe(meter[1]!.idempotencyKey);
    expect(meter[1]!.form.get("identifier")).toBe(meter[1]!.idempotencyKey);
    expect([meter[1]!.form.get("event_name"), meter[1]!.form.get("payload[value]"), meter[1]!.form.get("payload[stripe_customer_id]")]).toEqual(["city137_messages", "2", (await account())!.stripeCustomerId]);
    expect((await outboxOf("stripe.meter"))[0]).toMatchObject({ sent: true });
  });

  it("gives a city's admin a customer portal link for its own customer", async () => {
    const customerId = (await account())!.stripeCustomerId!;
    const url = await portalLink(createStripeClient({ secretKey: "sk_test_city137" }), { customerId, returnUrl: "http://127.0.0.1:3137/qom/settings/billing" });
    expect(url).toMatch(/^https:\/\/billing\.stripe\.com\//);
    const [call] = calls("/v1/billing_portal/sessions");
    expect([call!.form.get("customer"), call!.form.get("return_url")]).toEqual([customerId, "http://127.0.0.1:3137/qom/settings/billing"]);
  });
});
