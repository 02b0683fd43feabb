import { AppError, notFound, validateRoleAssignment } from "@city137/core";
import { getStaff, recordAudit, updateStaffRoles, type Tx } from "@city137/db";
import type { UpdateStaffRolesInput } from "@city137/validators";

/**
 * Changes one member's roles and records before/after. An admin may not
 * remove their own admin role (the city would risk having none).
 */
export async function changeStaffRoles(
  tx: Tx,
  p: { tenantId: string; actorId: string; ip: string | null } & UpdateStaffRolesInput,
) {
  const before = await getStaff(tx, { tenantId: p.tenantId, staffId: p.staffId });
  if (!before) throw notFound();
  const problem = validateRoleAssignment(p.roles, before.unitIds.length);
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: "roles" });
  if (p.staffId === p.actorId && !p.roles.includes("city_admin")) {
    throw new AppError("BAD_REQUEST", "errors.staff.cannotRemoveOwnAdmin", { field: "roles" });
  }
  await updateStaffRoles(tx, { tenantId: p.tenantId, staffId: p.staffId, roles: p.roles });
  await recordAudit(tx, p.tenantId, {
    action: "staff.roles_changed",
    actorId: p.actorId,
    targetType: "staff",
    targetId: p.staffId,
    detail: { before: before.roles, after: p.roles },
    ip: p.ip,
  });
  return { ...before, roles: p.roles };
}
