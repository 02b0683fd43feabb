import { AppError, limitsAdministration } from "@city137/core";
import { billingStateOf, withTenant, type Database } from "@city137/db";

/**
 * Still allowed to a restricted city's admins: taking access away is a
 * security matter, never a billing one; and paying must stay possible.
 */
const ALWAYS_ALLOWED = new Set(["staff.setActive", "apiKey.revoke", "billing.portalLink"]);

/**
 * A restricted city's admins may not change its settings (docs/decisions/011).
 * Only city-admin mutations pass through here: intake, tracking, notifications
 * and the handling of messages use other procedures and never stop.
 */
export async function assertAdministrationAllowed(db: Database, tenantId: string, path: string): Promise<void> {
  if (ALWAYS_ALLOWED.has(path)) return;
  const state = await withTenant(db, tenantId, (tx) => billingStateOf(tx, { tenantId }));
  if (limitsAdministration(state)) throw new AppError("FORBIDDEN", "billing.errors.restricted");
}
