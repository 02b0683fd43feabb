import { AppError, notFound, tenantStatusAfter } from "@city137/core";
import { lockTenantStatus, recordPlatformAudit, setTenantStatus, withPlatform, type Database } from "@city137/db";
import type { TenantStatusInput } from "../routers/billing/inputs";
import type { PlatformActor } from "./actor";

/**
 * Suspends, resumes or archives a city, audited with the staff member in the
 * same transaction. Nothing is deleted: an archived city keeps every row.
 */
export function changeTenantStatus(db: Database, actor: PlatformActor, input: TenantStatusInput) {
  return withPlatform(db, async (tx) => {
    const current = await lockTenantStatus(tx, input.tenantId);
    if (!current) throw notFound();
    const next = tenantStatusAfter(current.status, input.action);
    if (!next) throw new AppError("CONFLICT", "billing.errors.statusMove", { field: "action" });
    await setTenantStatus(tx, { tenantId: input.tenantId, status: next });
    const audit = { actorId: actor.platformUserId, targetType: "tenant", targetId: input.tenantId, detail: { slug: current.slug, before: current.status, after: next }, ip: actor.ip };
    if (input.action === "suspend") await recordPlatformAudit(tx, { action: "tenant.suspended", ...audit });
    else if (input.action === "resume") await recordPlatformAudit(tx, { action: "tenant.resumed", ...audit });
    else await recordPlatformAudit(tx, { action: "tenant.archived", ...audit });
    return { tenantId: input.tenantId, status: next };
  });
}
