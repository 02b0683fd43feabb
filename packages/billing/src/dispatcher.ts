import { activeSeatsOf, findBillingAccount, findPlan, findTenantById, updateBillingAccount, type Tx } from "@city137/db";
import type { Dispatcher, OutboxMessage } from "@city137/jobs";
import type { StripeClient } from "./client";

/** The Billing Meter that counts registered messages (configured in Stripe with this event name). */
export const MESSAGES_METER_EVENT = "city137_messages";

export interface StripeDispatcherOptions {
  stripe: StripeClient;
  /** For topics that are not Stripe's. */
  fallback?: Dispatcher;
}

interface MeterPayload {
  customer: string;
  value: number;
  identifier: string;
  timestamp: number;
}

/**
 * The outbox's Stripe door. Every call carries an idempotency key derived
 * from the outbox row, so a relay that retries (or crashed after Stripe
 * answered) repeats nothing at Stripe; ids Stripe returns are stored in the
 * relay's transaction, as the city.
 *   stripe.sync  → customer, then subscription (seat quantity + usage price), or a seat change
 *   stripe.meter → one Billing Meter event, identifier = its idempotent identifier
 */
export function stripeDispatcher(opts: StripeDispatcherOptions): Dispatcher {
  return {
    dispatch: async (m: OutboxMessage) => {
      if (!m.topic.startsWith("stripe.")) {
        if (opts.fallback) return opts.fallback.dispatch(m);
        throw new Error(`no dispatcher for topic ${m.topic}`);
      }
      if (m.topic === "stripe.meter") {
        const p = m.payload as MeterPayload;
        await opts.stripe.billing.meterEvents.create(
          { event_name: MESSAGES_METER_EVENT, identifier: p.identifier, timestamp: p.timestamp, payload: { stripe_customer_id: p.customer, value: String(p.value) } },
          { idempotencyKey: p.identifier },
        );
        return;
      }
      if (m.topic === "stripe.sync") {
        if (!m.tx) throw new Error("the Stripe dispatcher needs the relay's transaction");
        await sync(m.tx, opts.stripe, m);
        return;
      }
      throw new Error(`unknown Stripe topic ${m.topic}`);
    },
  };
}

async function sync(tx: Tx, stripe: StripeClient, m: OutboxMessage) {
  const { tenantId } = m;
  const account = await findBillingAccount(tx, { tenantId });
  if (!account || account.provider !== "stripe") return; // moved back to offline meanwhile: nothing to do
  const tenant = (await findTenantById(tx, tenantId))!;
  let customerId = account.stripeCustomerId;
  if (!customerId) {
    const customer = await stripe.customers.create(
      { name: account.legalName || tenant.nameEn, email: account.itContactEmail || undefined, metadata: { tenant_id: tenantId, slug: tenant.slug } },
      { idempotencyKey: `customer:${tenantId}` },
    );
    customerId = customer.id;
    await updateBillingAccount(tx, { tenantId, change: { stripeCustomerId: customerId } });
  }
  const plan = account.planId ? await findPlan(tx, account.planId) : null;
  if (!plan?.stripeSeatPriceId) return;
  const seats = await activeSeatsOf(tx, { tenantId });
  if (!account.stripeSubscriptionId) {
    const subscription = await stripe.subscriptions.create(
      {
        customer: customerId,
        collection_method: "send_invoice",
        days_until_due: 15,
        items: [{ price: plan.stripeSeatPriceId, quantity: seats }, ...(plan.stripeUsagePriceId ? [{ price: plan.stripeUsagePriceId }] : [])],
        metadata: { tenant_id: tenantId },
      },
      { idempotencyKey: `subscription:${tenantId}:${plan.id}` },
    );
    await updateBillingAccount(tx, { tenantId, change: { stripeSubscriptionId: subscription.id, stripeSubscriptionStatus: subscription.status } });
    return;
  }
  // the subscription as Stripe has it now: the seat item and its quantity
  const subscription = await stripe.subscriptions.retrieve(account.stripeSubscriptionId);
  const item = subscription.items.data.find((i) => i.price.id === plan.stripeSeatPriceId);
  if (item && item.quantity !== seats) {
    await stripe.subscriptionItems.update(item.id, { quantity: seats, proration_behavior: "create_prorations" }, { idempotencyKey: `seats:${m.dedupeKey}` });
  }
}
