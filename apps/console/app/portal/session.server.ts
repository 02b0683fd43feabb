import { createCookie } from "@remix-run/node";

/**
 * A citizen who verified their mobile: the API's citizen-session token per
 * city, only under /p, never readable by page scripts. Separate from staff
 * sessions: a citizen is never signed in to the console.
 */
export const citizenCookie = createCookie("c137_citizen", {
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.COOKIE_SECURE === "true",
  path: "/p",
  maxAge: 30 * 60,
});

export async function citizenSessionOf(request: Request, city: string): Promise<string | null> {
  const v = (await citizenCookie.parse(request.headers.get("cookie"))) as Record<string, string> | null;
  return v && typeof v === "object" && typeof v[city] === "string" ? v[city]! : null;
}

export async function withCitizenSession(request: Request, city: string, token: string | null): Promise<string> {
  const v = ((await citizenCookie.parse(request.headers.get("cookie"))) as Record<string, string> | null) ?? {};
  const next = { ...(typeof v === "object" ? v : {}) };
  if (token) next[city] = token;
  else delete next[city];
  return citizenCookie.serialize(next);
}
