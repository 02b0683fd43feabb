import type { CityRole } from "../auth/roles";
import type { MessageKind } from "../routing/vocabulary";
import type { RequestAction } from "./state-machine";

export interface Viewer {
  roles: readonly CityRole[];
  unitIds: readonly string[];
}

interface Visible {
  kind: MessageKind;
  unitId: string | null;
}

const CITYWIDE: CityRole[] = ["city_admin", "supervisor", "operator", "manager"];

/** Corruption reports only for inspectors; unit staff see their units' messages; the rest see the city's. */
export function canSeeRequest(v: Viewer, r: Visible): boolean {
  if (r.kind === "corruption_report") return v.roles.includes("inspector");
  if (v.roles.some((role) => CITYWIDE.includes(role) || role === "inspector")) return true;
  return v.roles.includes("unit_staff") && r.unitId !== null && v.unitIds.includes(r.unitId);
}

const UNIT_ACTIONS: RequestAction[] = ["start", "resolve", "return_to_hq"];

/** Managers read; operators register and refer; unit staff act on their units' work; supervisors and admins do everything. */
export function canActOnRequest(v: Viewer, r: Visible, action: RequestAction): boolean {
  if (!canSeeRequest(v, r)) return false;
  if (r.kind === "corruption_report") return v.roles.includes("inspector");
  if (v.roles.includes("supervisor") || v.roles.includes("city_admin")) return true;
  if (v.roles.includes("operator") && (action === "refer" || action === "mark_duplicate" || action === "forward" || action === "reopen")) return true;
  return v.roles.includes("unit_staff") && r.unitId !== null && v.unitIds.includes(r.unitId) && UNIT_ACTIONS.includes(action);
}

/** What a viewer may see, as a filter a query can apply before paging (same rule as canSeeRequest). */
export interface RequestScope {
  corruption: boolean;
  /** "all", or the only units whose messages are visible. */
  units: "all" | readonly string[];
}

export function requestScope(v: Viewer): RequestScope {
  if (v.roles.includes("inspector")) return { corruption: true, units: "all" };
  if (v.roles.some((role) => CITYWIDE.includes(role))) return { corruption: false, units: "all" };
  if (v.roles.includes("unit_staff")) return { corruption: false, units: v.unitIds };
  return { corruption: false, units: [] };
}
