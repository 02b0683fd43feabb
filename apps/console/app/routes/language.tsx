import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "@city137/i18n";
import { languageCookie } from "../lib/cookies.server";
import { safeNext } from "../lib/session.server";

/** Remembers the chosen language and returns to the page the switch was on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const to = safeNext(form.get("redirectTo"), "/");
  if (!isLocale(lng)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lng) } });
}

export const loader = () => redirect("/");
