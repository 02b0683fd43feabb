import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./setup/servers";

/**
 * Security headers and the session cookie of the real console and portal
 * (the built Remix server), and sign-out ending the session at the API.
 * OWASP ASVS 3.4.x, 14.4.x; SECURITY.md lists what else covers ASVS.
 */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.stop());

const expectHeaders = (res: Response, where: string) => {
  expect(res.headers.get("content-security-policy"), where).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), where).toBe("DENY");
  expect(res.headers.get("referrer-policy"), where).toBe("same-origin");
  expect(res.headers.get("permissions-policy"), where).toContain("camera=()");
};

describe("console and portal security headers", () => {
  it("on pages and on single-fetch data of the console and the portal; HSTS only behind TLS", async () => {
    for (const path of ["/tehran/sign-in", "/p/tehran", "/p/tehran/track", "/p/tehran/report", "/tehran/sign-in.data", "/p/tehran.data"]) {
      const res = await fetch(`${p.consoleUrl}${path}`, { redirect: "manual" });
      expectHeaders(res, path);
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
      const tls = await fetch(`${p.consoleUrl}${path}`, { redirect: "manual", headers: { "x-forwarded-proto": "https" } });
      expect(tls.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("the session cookie is HttpOnly, SameSite=Lax, for the whole console, and sign-out revokes the token at the API", async () => {
    const body = new URLSearchParams({ login: "tehran.operator", password: "demo-pass-137" });
    const res = await fetch(`${p.consoleUrl}/tehran/sign-in`, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: p.consoleUrl } });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^c137_session=/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=43200/);
    const jar = cookie.split(";")[0]!;
    // the token inside works at the API, until sign-out
    const token = JSON.parse(Buffer.from(decodeURIComponent(jar.split("=")[1]!), "base64").toString("utf8")) as string;
    const me = () => fetch(`${p.api.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    const out = await fetch(`${p.consoleUrl}/sign-out`, { method: "POST", body: new URLSearchParams(), redirect: "manual", headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" } });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/c137_session=;.*Max-Age=0/i);
    expect((await me()).status).toBe(401);
  });
});
