import { redirect } from "@remix-run/node";
import { apiFailure, apiFor, failureResponse, tokenOf, type Api } from "./api.server";

type Me = Awaited<ReturnType<Api["auth"]["me"]["query"]>>;
export type CityMe = Extract<Me, { kind: "city" }>;
export type PlatformMe = Extract<Me, { kind: "platform" }>;

/** Who is signed in, or null (no cookie, expired or revoked session). */
export async function currentUser(request: Request): Promise<{ me: Me; api: Api } | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const api = await apiFor(request, token);
  try {
    return { me: await api.auth.me.query(), api };
  } catch (err) {
    if (apiFailure(err).code === "UNAUTHORIZED") return null;
    throw failureResponse(err);
  }
}

const back = (request: Request) => {
  const url = new URL(request.url);
  return encodeURIComponent(url.pathname + url.search);
};

/** A member of this city's staff, or off to this city's sign-in page. */
export async function requireCityUser(request: Request, slug: string): Promise<{ me: CityMe; api: Api }> {
  const user = await currentUser(request);
  if (!user || user.me.kind !== "city" || user.me.city.slug !== slug) {
    const other = user ? "&other=1" : "";
    throw redirect(`/${slug}/sign-in?next=${back(request)}${other}`);
  }
  return user as { me: CityMe; api: Api };
}

export async function requirePlatformUser(request: Request): Promise<{ me: PlatformMe; api: Api }> {
  const user = await currentUser(request);
  if (!user || user.me.kind !== "platform") throw redirect(`/platform/sign-in?next=${back(request)}`);
  return user as { me: PlatformMe; api: Api };
}

/** Only a same-site path may be a redirect target. */
export function safeNext(value: FormDataEntryValue | string | null, fallback: string): string {
  const s = typeof value === "string" ? value : "";
  return s.startsWith("/") && !s.startsWith("//") && !s.includes("\\") ? s : fallback;
}
