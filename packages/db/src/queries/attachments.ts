import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../client";
import { attachments, staff } from "../schema";

export type NewAttachment = typeof attachments.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;

export async function insertAttachment(tx: Tx, values: NewAttachment): Promise<AttachmentRow> {
  const [row] = await tx.insert(attachments).values(values).returning();
  return row!;
}

/** One attachment, removed or not (callers decide what a tombstone means to them). */
export async function getAttachment(tx: Tx, p: { tenantId: string; id: string }): Promise<AttachmentRow | null> {
  const [row] = await tx.select().from(attachments).where(and(eq(attachments.tenantId, p.tenantId), eq(attachments.id, p.id)));
  return row ?? null;
}

/** A message's attachments that still have their bytes, oldest first; never the storage key. */
export function listAttachments(tx: Tx, p: { tenantId: string; requestId: string }) {
  return tx
    .select({
      id: attachments.id,
      requestId: attachments.requestId,
      purpose: attachments.purpose,
      kind: attachments.kind,
      mime: attachments.mime,
      sizeBytes: attachments.sizeBytes,
      originalName: attachments.originalName,
      width: attachments.width,
      height: attachments.height,
      createdBy: attachments.createdBy,
      createdByName: staff.displayName,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .leftJoin(staff, and(eq(staff.tenantId, attachments.tenantId), eq(staff.id, attachments.createdBy)))
    .where(and(eq(attachments.tenantId, p.tenantId), eq(attachments.requestId, p.requestId), isNull(attachments.removedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** Marks an attachment removed; null when it was already removed (or does not exist). */
export async function markAttachmentRemoved(tx: Tx, p: { tenantId: string; id: string; by: string; at: Date }) {
  const [row] = await tx
    .update(attachments)
    .set({ removedAt: p.at, removedBy: p.by })
    .where(and(eq(attachments.tenantId, p.tenantId), eq(attachments.id, p.id), isNull(attachments.removedAt)))
    .returning();
  return row ?? null;
}
