import { applyBillingEvent, applyStripeEvent, isUuid, meterRecentUsage, queueStripeUsage, withTenant, type Database, type StripeEventInput } from "@city137/db";
import { tehranIsoDate } from "@city137/core";

/**
 * One city's daily metering (docs/decisions/011): recounts yesterday and
 * today from the city's own rows and re-evaluates its billing state from its
 * overdue invoices. Recounting replaces the stored day, so a second run the
 * same day (a retry, two workers) changes nothing.
 */
export async function meterCity(db: Database, p: { tenantId: string; now: Date }) {
  return withTenant(db, p.tenantId, async (tx) => {
    const days = await meterRecentUsage(tx, { tenantId: p.tenantId, now: p.now });
    // a Stripe city: what it used since the last report leaves through the outbox, in this transaction
    const stripe = await queueStripeUsage(tx, { tenantId: p.tenantId, now: p.now, days });
    const state = await applyBillingEvent(tx, { tenantId: p.tenantId, event: "evaluate", today: tehranIsoDate(p.now), at: p.now });
    return {
      days: days.map((d) => ({ day: d.day, messages: d.messages, sms: d.sms, activeSeats: d.activeSeats })),
      state: state.result.ok ? state.result.state : state.before,
      stripeMeterEvents: stripe.meterEvents,
    };
  });
}

/** A verified Stripe event, as its city: recorded and applied once, in one transaction. */
export async function applyStripeEventJob(db: Database, data: unknown, now: Date) {
  const d = data as { city?: unknown; event?: StripeEventInput };
  if (typeof d?.city !== "string" || !isUuid(d.city) || !d.event || typeof d.event.id !== "string") return { skipped: true };
  return { outcome: await withTenant(db, d.city, (tx) => applyStripeEvent(tx, { tenantId: d.city as string, event: d.event!, now })) };
}
