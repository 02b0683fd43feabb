import { billingPeriodOf, jalaliMonth, type BillingPeriod } from "@city137/core";
import { listDailyUsage, meterRecentUsage, withTenant, type Database, type Tx } from "@city137/db";

/** Recounts a city's recent days (as the daily job does) before usage is shown. */
export function refreshUsage(db: Database, tenantId: string, now: Date) {
  return withTenant(db, tenantId, (tx) => meterRecentUsage(tx, { tenantId, now }));
}

export interface UsageSummary {
  period: BillingPeriod;
  messages: number;
  sms: number;
  activeSeats: number;
  days: Array<{ day: string; messages: number; sms: number; activeSeats: number }>;
}

/** A Jalali month of a city's stored usage (inside withTenant). */
export async function usageOfPeriod(tx: Tx, tenantId: string, period: BillingPeriod): Promise<UsageSummary> {
  const days = (await listDailyUsage(tx, { tenantId, from: period.start, to: period.end })).map((d) => ({ day: d.day, messages: d.messages, sms: d.sms, activeSeats: d.activeSeats }));
  return {
    period,
    messages: days.reduce((n, d) => n + d.messages, 0),
    sms: days.reduce((n, d) => n + d.sms, 0),
    activeSeats: days.length > 0 ? days[days.length - 1]!.activeSeats : 0,
    days,
  };
}

export const currentPeriod = (now: Date) => billingPeriodOf(now);
export const periodOf = (jy: number, jm: number) => jalaliMonth(jy, jm);
