import type { HeadersFunction } from "@remix-run/node";

/**
 * The protected channel's pages (docs/decisions/017): no script at all (the
 * route's handle drops Remix's scripts), nothing from another origin, no
 * referrer to any other site, nothing cached, never framed.
 *
 * Referrer-Policy is "same-origin", not "no-referrer": under "no-referrer" the
 * browser sends `Origin: null` with the page's own form posts, which Remix's
 * CSRF guard refuses. With the CSP above nothing leaves for another origin,
 * and our own servers do not log the Referer, so no third party learns more.
 */
export const PROTECTED_CSP = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const protectedHeaders: HeadersFunction = () => ({
  "Content-Security-Policy": PROTECTED_CSP,
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
});

/** Read by the root layout: this page renders without Remix's scripts. */
export const noScriptsHandle = { noScripts: true };
