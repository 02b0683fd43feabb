import { and, eq, gt, isNull } from "drizzle-orm";
import type { CityRole } from "@city137/core";
import type { Tx } from "../client";
import { staff, staffInvitations, staffUnits } from "../schema";

/** A password hash no password matches: the account waits for its invitation to be accepted. */
export const NO_PASSWORD = "!invited";

export async function insertStaff(
  tx: Tx,
  p: { tenantId: string; username: string; email: string; displayName: string; roles: CityRole[] },
) {
  const [row] = await tx
    .insert(staff)
    .values({ ...p, passwordHash: NO_PASSWORD })
    .returning({ id: staff.id, username: staff.username, email: staff.email, displayName: staff.displayName, roles: staff.roles, active: staff.active });
  return row!;
}

export async function replaceStaffUnits(tx: Tx, p: { tenantId: string; staffId: string; unitIds: string[] }) {
  await tx.delete(staffUnits).where(and(eq(staffUnits.tenantId, p.tenantId), eq(staffUnits.staffId, p.staffId)));
  if (p.unitIds.length) {
    await tx.insert(staffUnits).values(p.unitIds.map((unitId) => ({ tenantId: p.tenantId, staffId: p.staffId, unitId })));
  }
}

export async function setStaffActive(tx: Tx, p: { tenantId: string; staffId: string; active: boolean }) {
  const [row] = await tx
    .update(staff)
    .set({ active: p.active })
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.id, p.staffId)))
    .returning({ id: staff.id });
  return row ?? null;
}

export async function createInvitation(
  tx: Tx,
  p: { tenantId: string; staffId: string; tokenHash: string; expiresAt: Date; createdBy: string | null },
) {
  // A new link replaces any earlier one.
  await tx
    .update(staffInvitations)
    .set({ usedAt: new Date() })
    .where(and(eq(staffInvitations.tenantId, p.tenantId), eq(staffInvitations.staffId, p.staffId), isNull(staffInvitations.usedAt)));
  await tx.insert(staffInvitations).values(p);
}

/** An unused, unexpired invitation and its account. */
export async function findOpenInvitation(tx: Tx, p: { tenantId: string; tokenHash: string; now: Date }) {
  const [row] = await tx
    .select({ id: staffInvitations.id, staffId: staffInvitations.staffId, username: staff.username, active: staff.active })
    .from(staffInvitations)
    .innerJoin(staff, and(eq(staff.tenantId, staffInvitations.tenantId), eq(staff.id, staffInvitations.staffId)))
    .where(
      and(
        eq(staffInvitations.tenantId, p.tenantId),
        eq(staffInvitations.tokenHash, p.tokenHash),
        isNull(staffInvitations.usedAt),
        gt(staffInvitations.expiresAt, p.now),
      ),
    );
  return row ?? null;
}

export async function acceptInvitation(tx: Tx, p: { tenantId: string; invitationId: string; staffId: string; passwordHash: string; now: Date }) {
  await tx
    .update(staffInvitations)
    .set({ usedAt: p.now })
    .where(and(eq(staffInvitations.tenantId, p.tenantId), eq(staffInvitations.id, p.invitationId)));
  await tx
    .update(staff)
    .set({ passwordHash: p.passwordHash, failedCount: 0, lockedUntil: null })
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.id, p.staffId)));
}
