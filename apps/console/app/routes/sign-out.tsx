import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { apiFor } from "../lib/api.server";
import { sessionCookie } from "../lib/cookies.server";
import { safeNext } from "../lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    await (await apiFor(request)).auth.signOut.mutate();
  } catch {
    // already signed out or expired: clearing the cookie is all that is left
  }
  return redirect(safeNext(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

export const loader = () => redirect("/");
