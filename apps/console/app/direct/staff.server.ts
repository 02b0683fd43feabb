import { requireCityUser } from "../lib/session.server";

const ROLES = ["city_admin", "supervisor", "operator", "manager"];

/** The direct-session pages: admins and supervisors (timetable), operators (questions), managers (answers). */
export async function requireSessionStaff(request: Request, slug: string) {
  const user = await requireCityUser(request, slug);
  const roles = user.me.user.roles as string[];
  if (!roles.some((r) => ROLES.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  return { ...user, roles, lead: roles.includes("city_admin") || roles.includes("supervisor"), staffId: user.me.user.id as string };
}
