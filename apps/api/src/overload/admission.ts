import type { MiddlewareHandler } from "hono";

/**
 * Admission control for tRPC: at most `limit` calls in progress in this
 * process; beyond that a call is answered at once with 503 "try again in a
 * moment" (the same translated key as a database outage, with Retry-After)
 * instead of joining a queue. Without it an overload is served late to
 * everybody — callers give up after seconds while the API keeps working on
 * their abandoned calls, its memory grows with the backlog, and new calls
 * wait behind all of it (bench:intake at 500/s on two cores: nothing answered
 * for minutes, 1 GB resident).
 */
export function admission(limit: number): MiddlewareHandler {
  let inFlight = 0;
  return async (c, next) => {
    if (inFlight >= limit) {
      const url = new URL(c.req.url);
      const paths = url.pathname.replace(/^\/trpc\//, "").split(",");
      const error = (path: string) => ({
        error: {
          message: "errors.serviceUnavailable",
          code: -32603,
          data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, path, messageKey: "errors.serviceUnavailable" },
        },
      });
      const body = url.searchParams.get("batch") === "1" ? paths.map(error) : error(paths[0]!);
      return c.json(body, 503, { "retry-after": "1" });
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
