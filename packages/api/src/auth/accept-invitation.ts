import { AppError, hashPassword, hashSecret, passwordProblem } from "@city137/core";
import { acceptInvitation, findOpenInvitation, findTenantBySlug, recordAudit, withTenant, withoutTenant, type Database } from "@city137/db";

/** Invited staff choose their password with the one-time link; the link then stops working. */
export async function acceptStaffInvitation(
  db: Database,
  input: { city: string; token: string; password: string },
  client: { ip: string | null; now: Date },
) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: "password" });
  const city = await withoutTenant(db, (tx) => findTenantBySlug(tx, input.city));
  if (!city) throw new AppError("NOT_FOUND", "errors.city.notFound", { field: "city" });
  const passwordHash = await hashPassword(input.password);
  return withTenant(db, city.id, async (tx) => {
    const invitation = await findOpenInvitation(tx, { tenantId: city.id, tokenHash: hashSecret(input.token), now: client.now });
    if (!invitation || !invitation.active) throw new AppError("NOT_FOUND", "errors.invitation.invalid", { field: "token" });
    await acceptInvitation(tx, { tenantId: city.id, invitationId: invitation.id, staffId: invitation.staffId, passwordHash, now: client.now });
    await recordAudit(tx, city.id, { action: "staff.invitation_accepted", actorId: invitation.staffId, targetType: "staff", targetId: invitation.staffId, ip: client.ip });
    return { username: invitation.username };
  });
}
