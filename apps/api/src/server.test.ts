import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type RunningApi } from "./server";

let api: RunningApi;
beforeAll(async () => {
  api = await startApiServer({ port: 0, seed: true });
});
afterAll(() => api?.close());

const trpc = (path: string, init?: RequestInit) => fetch(`${api.url}/trpc/${path}`, init);
const signIn = (body: unknown) =>
  trpc("auth.signIn", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("HTTP host", () => {
  it("answers health and readiness", async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "pglite" });
  });

  it("seeds the four cities and reports the demo sign-ins", async () => {
    expect(api.seeded).toBe(true);
    const cities = ((await (await trpc("city.list")).json()) as { result: { data: Array<{ slug: string; nameFa: string }> } }).result.data;
    expect(cities.map((c) => `${c.slug}:${c.nameFa}`)).toEqual([
      "tehran:تهران",
      "shiraz:شیراز",
      "qom:قم",
      "mashhad:مشهد",
    ]);
    expect(api.signIns.filter((s) => s.city === "tehran").map((s) => s.role)).toEqual([
      "city_admin",
      "supervisor",
      "operator",
      "unit_staff",
      "manager",
      "inspector",
    ]);
  });

  it("signs in over HTTP and serves the session to a bearer token", async () => {
    const res = await signIn({ city: "tehran", login: "tehran.operator", password: "demo-pass-137" });
    expect(res.status).toBe(200);
    const { token } = ((await res.json()) as { result: { data: { token: string } } }).result.data;
    const me = await trpc("auth.me", { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { result: { data: { city: { slug: string } } } }).result.data.city.slug).toBe("tehran");
  });

  it("answers bad input with a message key and the fields, never a stack", async () => {
    const res = await signIn({ city: "tehran", login: "", password: "" });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/stack|at .*\.ts:/);
    const { error } = JSON.parse(text);
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "errors.invalidInput",
      fieldErrors: { login: "validation.required", password: "validation.required" },
    });
    expect(error.message).toBe("errors.invalidInput");
  });

  it("answers an unauthenticated call with 401 and an unknown path with 404 JSON", async () => {
    expect((await trpc("region.list")).status).toBe(401);
    const missing = await fetch(`${api.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found" });
  });

  it("sends security headers", async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    // on errors and tRPC answers too
    for (const path of ["/nope", "/trpc/region.list"]) {
      const other = await fetch(`${api.url}${path}`);
      expect(other.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(other.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });
});
