import { AppError, hashSecret, newSessionSecret, notFound, validateRoleAssignment, type CityRole } from "@city137/core";
import {
  createInvitation,
  deleteStaffSessionsOf,
  getStaff,
  insertStaff,
  isUniqueViolation,
  listUnits,
  recordAudit,
  replaceStaffUnits,
  setStaffActive,
  type Tx,
} from "@city137/db";

const INVITATION_DAYS = 7;

interface Actor {
  tenantId: string;
  /** null when platform staff act (provisioning a city). */
  actorId: string | null;
  ip: string | null;
  now: Date;
}

async function checkUnits(tx: Tx, tenantId: string, unitIds: string[]) {
  const units = new Set((await listUnits(tx, { tenantId })).filter((u) => u.active).map((u) => u.id));
  const bad = unitIds.findIndex((id) => !units.has(id));
  if (bad >= 0) throw new AppError("NOT_FOUND", "errors.staff.unknownUnit", { field: `unitIds.${bad}` });
}

/** A fresh one-time link; the secret is shown once and only its hash is kept. */
async function invite(tx: Tx, a: Actor, staffId: string) {
  const secret = newSessionSecret();
  const expiresAt = new Date(a.now.getTime() + INVITATION_DAYS * 86_400_000);
  await createInvitation(tx, { tenantId: a.tenantId, staffId, tokenHash: hashSecret(secret), expiresAt, createdBy: a.actorId });
  return { token: secret, expiresAt: expiresAt.toISOString() };
}

export async function createStaff(
  tx: Tx,
  a: Actor,
  input: { username: string; email: string; displayName: string; roles: CityRole[]; unitIds: string[] },
) {
  const problem = validateRoleAssignment(input.roles, input.unitIds.length);
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: problem === "errors.staff.unitRequired" ? "unitIds" : "roles" });
  await checkUnits(tx, a.tenantId, input.unitIds);
  try {
    const member = await insertStaff(tx, { tenantId: a.tenantId, username: input.username, email: input.email, displayName: input.displayName, roles: input.roles });
    await replaceStaffUnits(tx, { tenantId: a.tenantId, staffId: member.id, unitIds: input.unitIds });
    const invitation = await invite(tx, a, member.id);
    await recordAudit(tx, a.tenantId, { action: "staff.invited", actorId: a.actorId, targetType: "staff", targetId: member.id, detail: { roles: input.roles, unitIds: input.unitIds }, ip: a.ip });
    return { staff: { ...member, unitIds: input.unitIds }, invitation };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "errors.staff.taken", { field: /email/.test(String((err as Error).cause ?? err)) ? "email" : "username" });
    throw err;
  }
}

export async function reinviteStaff(tx: Tx, a: Actor, staffId: string) {
  const member = await getStaff(tx, { tenantId: a.tenantId, staffId });
  if (!member) throw notFound();
  const invitation = await invite(tx, a, staffId);
  await recordAudit(tx, a.tenantId, { action: "staff.reinvited", actorId: a.actorId, targetType: "staff", targetId: staffId, ip: a.ip });
  return invitation;
}

export async function setUnits(tx: Tx, a: Actor, staffId: string, unitIds: string[]) {
  const before = await getStaff(tx, { tenantId: a.tenantId, staffId });
  if (!before) throw notFound();
  const problem = validateRoleAssignment(before.roles, unitIds.length);
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: "unitIds" });
  await checkUnits(tx, a.tenantId, unitIds);
  await replaceStaffUnits(tx, { tenantId: a.tenantId, staffId, unitIds });
  await recordAudit(tx, a.tenantId, { action: "staff.units_changed", actorId: a.actorId, targetType: "staff", targetId: staffId, detail: { before: before.unitIds, after: unitIds }, ip: a.ip });
  return { ...before, unitIds };
}

/** Accounts are deactivated, never deleted; deactivation ends their sessions at once. */
export async function setActive(tx: Tx, a: Actor, staffId: string, active: boolean) {
  if (staffId === a.actorId && !active) throw new AppError("BAD_REQUEST", "errors.staff.cannotDeactivateSelf", { field: "active" });
  const row = await setStaffActive(tx, { tenantId: a.tenantId, staffId, active });
  if (!row) throw notFound();
  if (!active) await deleteStaffSessionsOf(tx, { tenantId: a.tenantId, staffId });
  await recordAudit(tx, a.tenantId, { action: active ? "staff.activated" : "staff.deactivated", actorId: a.actorId, targetType: "staff", targetId: staffId, ip: a.ip });
  return getStaff(tx, { tenantId: a.tenantId, staffId });
}
