import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { auditLog, platformAuditLog, staff } from "../schema";

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  detail?: unknown;
  ip?: string | null;
}

export async function recordAudit(tx: Tx, tenantId: string, e: AuditEntry) {
  await tx.insert(auditLog).values({
    tenantId,
    actorStaffId: e.actorId ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
  });
}

export async function recordPlatformAudit(tx: Tx, e: AuditEntry) {
  await tx.insert(platformAuditLog).values({
    actorId: e.actorId ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
  });
}

export function listAudit(tx: Tx, p: { tenantId: string; limit: number }) {
  return tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: staff.displayName,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(staff, and(eq(staff.tenantId, auditLog.tenantId), eq(staff.id, auditLog.actorStaffId)))
    .where(eq(auditLog.tenantId, p.tenantId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(p.limit);
}

/** The platform's own record (provisioning, platform sign-ins), newest first. Needs withPlatform(). */
export function listPlatformAudit(tx: Tx, p: { limit: number }) {
  return tx.select().from(platformAuditLog).orderBy(desc(platformAuditLog.at)).limit(p.limit);
}
