import type { LoaderFunctionArgs } from "@remix-run/node";
import { API_ORIGIN, tokenOf } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

const PASSED = ["content-type", "content-length", "content-disposition", "x-content-type-options", "cache-control", "etag", "content-security-policy"];

/** An attachment, streamed from the API for the signed-in member; the API decides who may see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCityUser(request, params.city!);
  const token = await tokenOf(request);
  const upstream = await fetch(`${API_ORIGIN}/files/attachments/${encodeURIComponent(params.id!)}`, {
    headers: { authorization: `Bearer ${token}`, ...(request.headers.get("if-none-match") ? { "if-none-match": request.headers.get("if-none-match")! } : {}) },
  });
  if (!upstream.ok && upstream.status !== 304) throw Response.json(await upstream.json().catch(() => ({ messageKey: "errors.notFound" })), { status: upstream.status });
  const headers = new Headers();
  for (const h of PASSED) {
    const v = upstream.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
