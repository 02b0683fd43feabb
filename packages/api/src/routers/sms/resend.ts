import { notFound } from "@city137/core";
import { findSmsByDedupeKey, getOutboxRow, recordAudit, requeueDeadOutbox, type Tx } from "@city137/db";

/**
 * Puts a dead letter back in the outbox with fresh attempts; the relay sends
 * it on its next run (the API wakes it). Idempotent: only a row that is
 * still dead is requeued and audited — a second click finds it queued (or
 * sent) and changes nothing, and the dispatcher never sends a dedupe key
 * already recorded as sent.
 */
export async function resendDeadLetter(tx: Tx, p: { tenantId: string; actorId: string; ip: string | null; id: string }) {
  const row = await getOutboxRow(tx, { tenantId: p.tenantId, id: p.id });
  if (!row) throw notFound();
  const requeued = await requeueDeadOutbox(tx, { tenantId: p.tenantId, id: p.id });
  if (requeued) {
    await recordAudit(tx, p.tenantId, { action: "sms.dead_letter_resent", actorId: p.actorId, targetType: "outbox", targetId: row.id, detail: { topic: row.topic, attempts: row.attempts }, ip: p.ip });
  }
  const sms = await findSmsByDedupeKey(tx, { tenantId: p.tenantId, dedupeKey: row.dedupeKey });
  return {
    id: row.id,
    requeued: !!requeued,
    state: requeued ? ("queued" as const) : row.sentAt ? ("sent" as const) : ("queued" as const),
    sms: sms ? { status: sms.status, deliveryStatus: sms.deliveryStatus } : null,
  };
}
