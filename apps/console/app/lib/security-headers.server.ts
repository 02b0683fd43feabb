/**
 * Security headers of every page and data response of the console and the
 * citizen portal (entry.server.tsx). Resource routes that serve files set
 * their own (nosniff, a sandboxing CSP, attachment disposition).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  // The portal asks for the citizen's location and records a voice message (the submit form's recorder) on its own pages; nothing else is ever needed.
  "Permissions-Policy": "geolocation=(self), camera=(), microphone=(self), payment=(), usb=(), interest-cohort=()",
};

/** A year, subdomains included: only sent when the console is reached over TLS. */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Behind TLS: the request came over https (directly or as the proxy says in
 * X-Forwarded-Proto), or the deployment declares it with COOKIE_SECURE=true
 * (which also marks the cookies Secure).
 */
export function behindTls(request: Request, env: { COOKIE_SECURE?: string } = { COOKIE_SECURE: process.env.COOKIE_SECURE }): boolean {
  if (env.COOKIE_SECURE === "true") return true;
  if (new URL(request.url).protocol === "https:") return true;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The defaults, where a route has not set its own stricter value. */
export function applySecurityHeaders(headers: Headers, request: Request, env: { COOKIE_SECURE?: string } = { COOKIE_SECURE: process.env.COOKIE_SECURE }): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!headers.has(k)) headers.set(k, v);
  if (behindTls(request, env)) headers.set("Strict-Transport-Security", HSTS);
}
