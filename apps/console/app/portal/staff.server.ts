export { TEMPLATE_PLACEHOLDERS } from "@city137/core";
import { requireCityUser } from "../lib/session.server";

/** The SMS and QR pages are for the city's admins and supervisors. */
export async function requireSmsStaff(request: Request, slug: string) {
  const user = await requireCityUser(request, slug);
  if (!user.me.user.roles.some((r) => r === "city_admin" || r === "supervisor")) {
    throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  }
  return { ...user, isAdmin: user.me.user.roles.includes("city_admin") };
}
