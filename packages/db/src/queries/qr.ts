import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { qrCodes } from "../schema";

export type QrCodeRow = typeof qrCodes.$inferSelect;

export async function insertQrCode(tx: Tx, p: typeof qrCodes.$inferInsert) {
  const [row] = await tx.insert(qrCodes).values(p).returning();
  return row!;
}

export function listQrCodes(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(qrCodes).where(eq(qrCodes.tenantId, p.tenantId)).orderBy(desc(qrCodes.createdAt), desc(qrCodes.id));
}

export async function getQrCodeByCode(tx: Tx, p: { tenantId: string; code: string }) {
  const [row] = await tx.select().from(qrCodes).where(and(eq(qrCodes.tenantId, p.tenantId), eq(qrCodes.code, p.code)));
  return row ?? null;
}

export async function revokeQrCode(tx: Tx, p: { tenantId: string; id: string; at: Date }) {
  const [row] = await tx
    .update(qrCodes)
    .set({ revokedAt: sql`coalesce(${qrCodes.revokedAt}, ${p.at.toISOString()}::timestamptz)` })
    .where(and(eq(qrCodes.tenantId, p.tenantId), eq(qrCodes.id, p.id)))
    .returning();
  return row ?? null;
}

/** One more scan, or one more message, of a code. */
export async function countQrUse(tx: Tx, p: { tenantId: string; id: string; what: "scan" | "message" }) {
  const col = p.what === "scan" ? qrCodes.scans : qrCodes.messages;
  await tx
    .update(qrCodes)
    .set(p.what === "scan" ? { scans: sql`${col} + 1` } : { messages: sql`${col} + 1` })
    .where(and(eq(qrCodes.tenantId, p.tenantId), eq(qrCodes.id, p.id)));
}
