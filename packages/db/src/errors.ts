/** The SQLSTATE of a database error, through drizzle's wrapping. */
export function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => sqlState(err) === "23505";

/** Node and postgres.js codes of a connection that could not be opened or was lost. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

/**
 * The database is unreachable or restarting (not a fault of the query):
 * refused or lost connections, SQLSTATE class 08, shutdown and crash
 * recovery (57P01–57P03), too many connections (53300). Callers answer
 * 503 and the next call reconnects.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; errors?: unknown } | undefined, i = 0; e && typeof e === "object" && i < 6; e = e.cause as typeof e, i++) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (CONNECTION_CODES.has(code) || code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code))) return true;
    // AggregateError (a connect to several addresses that all failed)
    if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}
