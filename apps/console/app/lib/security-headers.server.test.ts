import { describe, expect, it } from "vitest";
import { applySecurityHeaders, behindTls } from "./security-headers.server";

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("security headers", () => {
  it("sets CSP with frame-ancestors, nosniff, frame denial, referrer and permissions policies on every response", () => {
    const h = new Headers();
    applySecurityHeaders(h, req("http://127.0.0.1:3137/tehran"), {});
    expect(h.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(h.get("content-security-policy")).toContain("object-src 'none'");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("referrer-policy")).toBe("same-origin");
    expect(h.get("permissions-policy")).toContain("camera=()");
    expect(h.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS only behind TLS: https, a proxy's X-Forwarded-Proto, or COOKIE_SECURE=true", () => {
    expect(behindTls(req("http://x/"), {})).toBe(false);
    expect(behindTls(req("http://x/", { "x-forwarded-proto": "http" }), {})).toBe(false);
    expect(behindTls(req("https://x/"), {})).toBe(true);
    expect(behindTls(req("http://x/", { "x-forwarded-proto": "https, http" }), {})).toBe(true);
    expect(behindTls(req("http://x/"), { COOKIE_SECURE: "true" })).toBe(true);
    const h = new Headers();
    applySecurityHeaders(h, req("http://x/", { "x-forwarded-proto": "https" }), {});
    expect(h.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("keeps a route's own stricter value", () => {
    const h = new Headers({ "referrer-policy": "no-referrer" });
    applySecurityHeaders(h, req("http://x/"), {});
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("x-frame-options")).toBe("DENY");
  });
});
