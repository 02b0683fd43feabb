import { dayOfIsoDate, fromTehranDayMinute, requestScope, type CityRole } from "@city137/core";

/** An inclusive range of Tehran days ("YYYY-MM-DD") as [from, to) instants. */
export function dayRange(from: string, to: string) {
  const fromDay = dayOfIsoDate(from);
  const toDay = dayOfIsoDate(to) + 1;
  return { fromDay, toDay, from: fromTehranDayMinute(fromDay, 0), to: fromTehranDayMinute(toDay, 0) };
}

export const scopeOf = (s: { user: { roles: string[]; unitIds: string[] } }) => requestScope({ roles: s.user.roles as CityRole[], unitIds: s.user.unitIds });

/** Who may read dashboards: unit staff see their own units, inspectors also corruption reports. */
export const DASHBOARD_ROLES: CityRole[] = ["manager", "supervisor", "city_admin", "unit_staff", "inspector"];
/** City-wide reports (citizens, council, rankings). */
export const REPORT_ROLES: CityRole[] = ["manager", "supervisor", "city_admin"];
