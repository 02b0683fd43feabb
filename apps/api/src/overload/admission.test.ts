import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { admission } from "./admission";

/** A route that answers when told to, so calls can be held in progress. */
function held(limit: number) {
  const release: Array<() => void> = [];
  const app = new Hono();
  app.use("/trpc/*", admission(limit));
  app.all("/trpc/*", async (c) => {
    await new Promise<void>((r) => release.push(r));
    return c.json({ result: { data: "ok" } });
  });
  const waitHeld = async (n: number) => {
    while (release.length < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { app, release, waitHeld };
}

describe("admission control", () => {
  it("refuses a call beyond the limit at once with 503 'try again', and admits again once one finishes", async () => {
    const { app, release, waitHeld } = held(2);
    const first = app.request("/trpc/request.create", { method: "POST" });
    const second = app.request("/trpc/request.list?input=%7B%7D");
    await waitHeld(2);

    const refused = await app.request("/trpc/request.create", { method: "POST" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      error: { message: "errors.serviceUnavailable", code: -32603, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, path: "request.create", messageKey: "errors.serviceUnavailable" } },
    });
    // a batch is refused call by call, in tRPC's batch shape
    const batch = await app.request("/trpc/auth.me,request.list?batch=1&input=%7B%7D");
    expect(batch.status).toBe(503);
    expect(((await batch.json()) as Array<{ error: { data: { path: string } } }>).map((e) => e.error.data.path)).toEqual(["auth.me", "request.list"]);

    release.shift()!();
    expect((await first).status).toBe(200);
    const third = app.request("/trpc/request.create", { method: "POST" });
    await waitHeld(2);
    for (const r of release.splice(0)) r();
    expect((await second).status).toBe(200);
    expect((await third).status).toBe(200);
  });

  it("counts a call that failed as finished (the slot is given back)", async () => {
    const app = new Hono();
    app.use("/trpc/*", admission(1));
    app.all("/trpc/*", () => {
      throw new Error("boom");
    });
    app.onError((_e, c) => c.json({ error: "x" }, 500));
    expect((await app.request("/trpc/a")).status).toBe(500);
    expect((await app.request("/trpc/a")).status).toBe(500); // not 503: the first call's slot came back
  });
});
