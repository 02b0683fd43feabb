import { tehranIsoDate } from "@city137/core";
import type { Tx } from "../client";
import { billingStripeEvents } from "../schema";
import { applyBillingEvent, ensureBillingAccount, updateBillingAccount } from "./billing";
import { markUsageReported } from "./billing-usage";
import { enqueueOutbox } from "./requests";

export interface StripeEventInput {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  data: { object: Record<string, unknown> };
}

export type StripeEventOutcome = "duplicate" | "applied" | "stale" | "ignored";

/**
 * Applies one Stripe event to its city, in the caller's transaction (as the
 * city). The event id is recorded in the same transaction as the effect, so a
 * redelivered event has no second effect. Events may arrive out of order: an
 * event older than the last one applied to the account is recorded but changes
 * nothing, so the newest state wins whatever the order of arrival.
 */
export async function applyStripeEvent(tx: Tx, p: { tenantId: string; event: StripeEventInput; now: Date }): Promise<StripeEventOutcome> {
  const created = new Date(p.event.created * 1000);
  const [recorded] = await tx
    .insert(billingStripeEvents)
    .values({ tenantId: p.tenantId, id: p.event.id, type: p.event.type, eventCreated: created, payload: p.event.data.object })
    .onConflictDoNothing({ target: [billingStripeEvents.tenantId, billingStripeEvents.id] })
    .returning({ id: billingStripeEvents.id });
  if (!recorded) return "duplicate";

  const handled = p.event.type.startsWith("customer.subscription.") || p.event.type === "invoice.paid" || p.event.type === "invoice.payment_failed";
  if (!handled) return "ignored";
  const account = await ensureBillingAccount(tx, { tenantId: p.tenantId });
  if (account.stripeEventAt && created < account.stripeEventAt) return "stale";

  const o = p.event.data.object;
  const today = tehranIsoDate(p.now);
  if (p.event.type.startsWith("customer.subscription.")) {
    const status = p.event.type === "customer.subscription.deleted" ? "canceled" : String(o.status ?? "");
    await updateBillingAccount(tx, {
      tenantId: p.tenantId,
      change: { stripeSubscriptionId: typeof o.id === "string" ? o.id : account.stripeSubscriptionId, stripeSubscriptionStatus: status, stripeEventAt: created },
    });
    if (status === "past_due" || status === "unpaid") await applyBillingEvent(tx, { tenantId: p.tenantId, event: { type: "payment_failed" }, today, at: p.now });
    else if (status === "active" || status === "trialing") await applyBillingEvent(tx, { tenantId: p.tenantId, event: { type: "paid" }, today, at: p.now });
  } else {
    await updateBillingAccount(tx, { tenantId: p.tenantId, change: { stripeEventAt: created } });
    await applyBillingEvent(tx, { tenantId: p.tenantId, event: p.event.type === "invoice.paid" ? { type: "paid" } : { type: "payment_failed" }, today, at: p.now });
  }
  return "applied";
}

/**
 * The Stripe work a metering run leaves in the outbox for a Stripe city, in
 * the same transaction: messages counted since the last report as one meter
 * event per day and delta (identifier and outbox key `stripe.meter:<day>:<from>-<to>`,
 * so running twice reports nothing new), and a seat check keyed by the day
 * and the seat count.
 */
export async function queueStripeUsage(tx: Tx, p: { tenantId: string; now: Date; days: Array<{ day: string; messages: number; reportedMessages: number; activeSeats: number }> }) {
  const account = await ensureBillingAccount(tx, { tenantId: p.tenantId });
  if (account.provider !== "stripe" || !account.stripeCustomerId) return { meterEvents: 0 };
  let meterEvents = 0;
  for (const d of p.days) {
    if (d.messages <= d.reportedMessages) continue;
    const identifier = `${p.tenantId}:${d.day}:${d.reportedMessages}-${d.messages}`;
    await enqueueOutbox(tx, {
      tenantId: p.tenantId,
      topic: "stripe.meter",
      dedupeKey: `stripe.meter:${d.day}:${d.reportedMessages}-${d.messages}`,
      payload: { customer: account.stripeCustomerId, value: d.messages - d.reportedMessages, identifier, timestamp: Math.floor(p.now.getTime() / 1000) },
    });
    await markUsageReported(tx, { tenantId: p.tenantId, day: d.day, messages: d.messages });
    meterEvents++;
  }
  const last = p.days[p.days.length - 1];
  if (last) await enqueueOutbox(tx, { tenantId: p.tenantId, topic: "stripe.sync", dedupeKey: `stripe.sync:seats:${last.day}:${last.activeSeats}`, payload: { reason: "seats" } });
  return { meterEvents };
}

/** After platform staff change a Stripe city's account: make sure its customer and subscription exist and match. */
export async function queueStripeSync(tx: Tx, p: { tenantId: string; reason: string; at: Date }) {
  await enqueueOutbox(tx, { tenantId: p.tenantId, topic: "stripe.sync", dedupeKey: `stripe.sync:${p.reason}:${p.at.toISOString()}`, payload: { reason: p.reason } });
}
