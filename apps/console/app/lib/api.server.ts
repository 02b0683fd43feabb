import type { AppRouter } from "@city137/api";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { sessionCookie } from "./cookies.server";

const API_URL = process.env.API_URL ?? "http://127.0.0.1:4137/trpc";

/** The API's own origin (files are served beside /trpc). */
export const API_ORIGIN = API_URL.replace(/\/trpc\/?$/, "");

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

/** The signed-in member's token from the cookie, if any. */
export async function tokenOf(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && value ? value : null;
}

/** A typed API client acting for the request's user, forwarding their address. */
export async function apiFor(request: Request, token?: string | null): Promise<Api> {
  const bearer = token === undefined ? await tokenOf(request) : token;
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: API_URL,
        headers: () => ({
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(ip ? { "x-forwarded-for": ip } : {}),
        }),
      }),
    ],
  });
}

export interface ApiFailure {
  code: string;
  messageKey: string;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
}

/** A failed call to the API's plain-HTTP routes (files), carrying its translated key. */
export class UploadFailure extends Error {
  constructor(readonly data: { messageKey?: string; field?: string; code?: string }) {
    super(data.messageKey ?? "errors.internal");
  }
}

/** The API's error as data the page can translate; an unreachable API is "unavailable". */
export function apiFailure(err: unknown): ApiFailure {
  if (err instanceof UploadFailure) {
    const key = err.data.messageKey ?? "errors.internal";
    return { code: err.data.code ?? "BAD_REQUEST", messageKey: key, fieldErrors: err.data.field ? { [err.data.field]: key } : undefined };
  }
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as Partial<ApiFailure>;
    if (data.messageKey) return { code: data.code ?? "INTERNAL_SERVER_ERROR", messageKey: data.messageKey, params: data.params, fieldErrors: data.fieldErrors };
    if (!err.data) return { code: "SERVICE_UNAVAILABLE", messageKey: "errors.serviceUnavailable" };
  }
  return { code: "INTERNAL_SERVER_ERROR", messageKey: "errors.internal" };
}

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401, SERVICE_UNAVAILABLE: 503, BAD_REQUEST: 400 };

/** Turns an API failure into an error response the route's ErrorBoundary translates. */
export function failureResponse(err: unknown): Response {
  const f = apiFailure(err);
  return Response.json(f, { status: STATUS[f.code] ?? 500 });
}
