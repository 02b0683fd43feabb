import { redirect } from "@remix-run/node";
import { apiFailure, apiFor } from "./api.server";
import { sessionCookie } from "./cookies.server";
import { safeNext } from "./session.server";

/** Signs in through the API and keeps the token in the httpOnly cookie; failures return to the form. */
export async function signInAction(request: Request, city: string | null, fallback: string) {
  const form = await request.formData();
  const api = await apiFor(request, null);
  try {
    const { token } = await api.auth.signIn.mutate({
      city,
      login: String(form.get("login") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    return redirect(safeNext(form.get("next"), fallback), { headers: { "Set-Cookie": await sessionCookie.serialize(token) } });
  } catch (err) {
    const failure = apiFailure(err);
    return Response.json({ failure }, { status: failure.code === "TOO_MANY_REQUESTS" ? 429 : 400 });
  }
}
