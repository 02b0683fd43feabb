/** Roles held by staff of one city. A member may hold several. */
export const CITY_ROLES = [
  "city_admin",
  "supervisor",
  "operator",
  "unit_staff",
  "manager",
  "inspector",
] as const;
export type CityRole = (typeof CITY_ROLES)[number];

/** Roles held by platform staff, who belong to no city. */
export const PLATFORM_ROLES = ["platform_admin", "platform_billing"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export function isCityRole(value: string): value is CityRole {
  return (CITY_ROLES as readonly string[]).includes(value);
}

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}

export function hasAnyRole<R extends string>(held: readonly string[], wanted: readonly R[]): boolean {
  return wanted.some((r) => held.includes(r));
}

/** Unit staff must belong to at least one unit; other roles need none. */
export function validateRoleAssignment(roles: readonly CityRole[], unitCount: number): string | null {
  if (roles.length === 0) return "errors.staff.noRole";
  if (new Set(roles).size !== roles.length) return "errors.staff.duplicateRole";
  if (roles.includes("unit_staff") && unitCount === 0) return "errors.staff.unitRequired";
  return null;
}
