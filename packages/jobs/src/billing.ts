import { applyBillingEvent, meterRecentUsage, withTenant, type Database } from "@city137/db";
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
    const state = await applyBillingEvent(tx, { tenantId: p.tenantId, event: "evaluate", today: tehranIsoDate(p.now), at: p.now });
    return { days: days.map((d) => ({ day: d.day, messages: d.messages, sms: d.sms, activeSeats: d.activeSeats })), state: state.result.ok ? state.result.state : state.before };
  });
}
