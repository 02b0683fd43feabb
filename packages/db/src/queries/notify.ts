import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { smsMessages, smsTemplates } from "../schema";

export type SmsMessageRow = typeof smsMessages.$inferSelect;

/** The earlier attempt at the same notification, if one was recorded. */
export async function findSmsByDedupeKey(tx: Tx, p: { tenantId: string; dedupeKey: string }): Promise<SmsMessageRow | null> {
  const [row] = await tx.select().from(smsMessages).where(and(eq(smsMessages.tenantId, p.tenantId), eq(smsMessages.dedupeKey, p.dedupeKey)));
  return row ?? null;
}

/** Records one send (or a refused one); a later attempt of the same key overwrites the failure. */
export async function recordSms(tx: Tx, p: Omit<typeof smsMessages.$inferInsert, "id" | "createdAt">) {
  const [row] = await tx
    .insert(smsMessages)
    .values(p)
    .onConflictDoUpdate({
      target: [smsMessages.tenantId, smsMessages.dedupeKey],
      set: { body: p.body, provider: p.provider, providerMessageId: p.providerMessageId ?? null, status: p.status, deliveryStatus: p.deliveryStatus ?? "pending", error: p.error ?? null },
    })
    .returning();
  return row!;
}

/** The SMS log, newest first (the development provider's inbox). */
export function listSmsMessages(tx: Tx, p: { tenantId: string; to?: string; limit?: number }) {
  const where = p.to ? and(eq(smsMessages.tenantId, p.tenantId), eq(smsMessages.to, p.to)) : eq(smsMessages.tenantId, p.tenantId);
  return tx
    .select()
    .from(smsMessages)
    .where(where)
    .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
    .limit(p.limit ?? 100);
}

/** A provider's delivery report for one of its message ids. */
export async function setSmsDelivery(tx: Tx, p: { tenantId: string; providerMessageId: string; deliveryStatus: "pending" | "delivered" | "undelivered"; at: Date }) {
  const rows = await tx
    .update(smsMessages)
    .set({ deliveryStatus: p.deliveryStatus, deliveredAt: p.deliveryStatus === "delivered" ? p.at : null })
    .where(and(eq(smsMessages.tenantId, p.tenantId), eq(smsMessages.providerMessageId, p.providerMessageId)))
    .returning({ id: smsMessages.id });
  return rows.length;
}

/** Sent messages still waiting for a delivery report. */
export function listSmsAwaitingDelivery(tx: Tx, p: { tenantId: string; limit?: number }) {
  return tx
    .select({ id: smsMessages.id, providerMessageId: smsMessages.providerMessageId, provider: smsMessages.provider })
    .from(smsMessages)
    .where(and(eq(smsMessages.tenantId, p.tenantId), eq(smsMessages.status, "sent"), eq(smsMessages.deliveryStatus, "pending"), sql`${smsMessages.providerMessageId} is not null`))
    .orderBy(desc(smsMessages.createdAt))
    .limit(p.limit ?? 100);
}

export function listSmsTemplates(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(smsTemplates).where(eq(smsTemplates.tenantId, p.tenantId));
}

/** A city's wording for one event and language; an empty body goes back to the default. */
export async function setSmsTemplate(tx: Tx, p: { tenantId: string; event: string; locale: "fa" | "en"; body: string; by: string | null }) {
  if (!p.body.trim()) {
    await tx.delete(smsTemplates).where(and(eq(smsTemplates.tenantId, p.tenantId), eq(smsTemplates.event, p.event), eq(smsTemplates.locale, p.locale)));
    return null;
  }
  const [row] = await tx
    .insert(smsTemplates)
    .values({ tenantId: p.tenantId, event: p.event, locale: p.locale, body: p.body, updatedBy: p.by })
    .onConflictDoUpdate({ target: [smsTemplates.tenantId, smsTemplates.event, smsTemplates.locale], set: { body: p.body, updatedBy: p.by, updatedAt: sql`now()` } })
    .returning();
  return row!;
}
