/**
 * A city's standing on the platform, set by platform staff (separate from its
 * billing state). Archiving keeps every row; only resuming an archived city
 * is refused, so an archive is a deliberate end.
 */
export type TenantStatus = "active" | "suspended" | "archived";
export type TenantStatusAction = "suspend" | "resume" | "archive";

const MOVES: Record<TenantStatusAction, { from: TenantStatus[]; to: TenantStatus }> = {
  suspend: { from: ["active"], to: "suspended" },
  resume: { from: ["suspended"], to: "active" },
  archive: { from: ["active", "suspended"], to: "archived" },
};

export function tenantStatusAfter(current: TenantStatus, action: TenantStatusAction): TenantStatus | null {
  const move = MOVES[action];
  return move.from.includes(current) ? move.to : null;
}
