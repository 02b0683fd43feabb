import { requireCityUser } from "./session.server";

/** City configuration is for the city's IT department (city admins) only. */
export async function requireCityAdmin(request: Request, slug: string) {
  const user = await requireCityUser(request, slug);
  if (!user.me.user.roles.includes("city_admin")) {
    throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  }
  return user;
}
