import { tehranIsoDate } from "@city137/core";
import { listActiveTenants, listBillingOverview, withoutTenant, withPlatform, type Database } from "@city137/db";
import { currentPeriod, refreshUsage } from "./billing-usage";
import { evaluateBilling } from "./billing";
import { stripeConfigured } from "./stripe-config";

/**
 * Every city with plan, billing state, this month's usage against the plan,
 * what it owes and when it last registered a message. Usage and states are
 * brought up to date first, each as its own city (the same work as the daily
 * job, idempotent).
 */
export async function billingOverview(db: Database, now: Date) {
  const cities = await withoutTenant(db, (tx) => listActiveTenants(tx));
  for (const city of cities) {
    await refreshUsage(db, city.id, now);
    await evaluateBilling(db, city.id, now);
  }
  const period = currentPeriod(now);
  const rows = await withPlatform(db, (tx) => listBillingOverview(tx, { periodStart: period.start, periodEnd: period.end, today: tehranIsoDate(now) }));
  return {
    period,
    // without a key the platform bills every city offline, and says so
    stripeConfigured: stripeConfigured(),
    rows: rows.map((r) => ({ ...r, overdueRial: Number(r.overdueRial), openRial: Number(r.openRial) })),
  };
}
