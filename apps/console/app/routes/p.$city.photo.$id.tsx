import type { LoaderFunctionArgs } from "@remix-run/node";
import { API_ORIGIN } from "../lib/api.server";

const PASSED = ["content-type", "content-length", "content-disposition", "x-content-type-options", "cache-control", "etag", "content-security-policy"];

/** A proof-of-work photo of one message, for whoever holds the token its tracking page gave (the API decides). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const s = new URL(request.url).searchParams.get("s") ?? "";
  const upstream = await fetch(`${API_ORIGIN}/portal-files/${encodeURIComponent(params.city!)}/photos/${encodeURIComponent(params.id!)}?s=${encodeURIComponent(s)}`);
  if (!upstream.ok) throw Response.json(await upstream.json().catch(() => ({ messageKey: "errors.notFound" })), { status: upstream.status });
  const headers = new Headers();
  for (const h of PASSED) {
    const v = upstream.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(upstream.body, { status: 200, headers });
}
