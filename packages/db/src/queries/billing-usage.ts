import { and, asc, between, eq, sql } from "drizzle-orm";
import { addDays, tehranIsoDate } from "@city137/core";
import type { Tx } from "../client";
import { billingUsageDaily, outbox, requests, staff } from "../schema";

/** A Tehran calendar day as an instant range [from, to), for timestamptz comparisons. */
const tehranDayRange = (day: string) => {
  const from = new Date(`${day}T00:00:00+03:30`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
};

/**
 * Counts one Tehran day of a city (messages registered, SMS written to the
 * outbox, active staff accounts) and stores it, replacing what was stored:
 * recomputing a day gives the same row, so the daily job may run twice.
 */
export async function refreshDailyUsage(tx: Tx, p: { tenantId: string; day: string; now: Date }) {
  const { from, to } = tehranDayRange(p.day);
  const [m] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), sql`${requests.createdAt} >= ${from}::timestamptz`, sql`${requests.createdAt} < ${to}::timestamptz`));
  const [s] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.tenantId, p.tenantId), sql`${outbox.topic} like 'sms.%'`, sql`${outbox.createdAt} >= ${from}::timestamptz`, sql`${outbox.createdAt} < ${to}::timestamptz`));
  const [seats] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.active, true)));
  const values = { messages: m?.n ?? 0, sms: s?.n ?? 0, activeSeats: seats?.n ?? 0, computedAt: p.now };
  const [row] = await tx
    .insert(billingUsageDaily)
    .values({ tenantId: p.tenantId, day: p.day, ...values })
    .onConflictDoUpdate({ target: [billingUsageDaily.tenantId, billingUsageDaily.day], set: values })
    .returning();
  return row!;
}

/** Stored days of a period, oldest first. */
export function listDailyUsage(tx: Tx, p: { tenantId: string; from: string; to: string }) {
  return tx
    .select()
    .from(billingUsageDaily)
    .where(and(eq(billingUsageDaily.tenantId, p.tenantId), between(billingUsageDaily.day, p.from, p.to)))
    .orderBy(asc(billingUsageDaily.day));
}

/** Notes how many of a day's messages Stripe's meter has been told about. */
export async function markUsageReported(tx: Tx, p: { tenantId: string; day: string; messages: number }) {
  await tx
    .update(billingUsageDaily)
    .set({ reportedMessages: p.messages })
    .where(and(eq(billingUsageDaily.tenantId, p.tenantId), eq(billingUsageDaily.day, p.day)));
}

/** Yesterday and today in Tehran: the days a metering run recounts (yesterday's last minutes included). */
export function daysToMeter(now: Date): string[] {
  const today = tehranIsoDate(now);
  return [addDays(today, -1), today];
}

/** One city's metering run (the daily job, and before usage is shown): recounts, never adds. */
export async function meterRecentUsage(tx: Tx, p: { tenantId: string; now: Date }) {
  const rows = [];
  for (const day of daysToMeter(p.now)) rows.push(await refreshDailyUsage(tx, { tenantId: p.tenantId, day, now: p.now }));
  return rows;
}

/** Active staff accounts of the city: the seats a subscription is billed for. */
export async function activeSeatsOf(tx: Tx, p: { tenantId: string }): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(staff).where(and(eq(staff.tenantId, p.tenantId), eq(staff.active, true)));
  return row?.n ?? 0;
}
