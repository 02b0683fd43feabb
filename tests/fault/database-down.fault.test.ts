import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, stopApi, type ApiProcess } from "./setup/api";
import { complaint, wasteCategory } from "./setup/intake";
import { signIn, until } from "./setup/load";
import { preparePlatform } from "./setup/platform";
import { freePort } from "./setup/ports";
import { PrivatePostgres } from "./setup/cluster";

let pg: PrivatePostgres;
let api: ApiProcess | undefined;

beforeAll(async () => {
  pg = await PrivatePostgres.create();
  await preparePlatform(pg);
  api = await startApi({ port: await freePort(), databaseUrl: pg.appUrl });
});
afterAll(async () => {
  await stopApi(api);
  pg?.destroy();
});

interface Call {
  name: string;
  /** What a working database answers. */
  ok: number;
  send: () => Promise<Response>;
}

describe("the database unavailable", () => {
  it("answers 503 with a translated message (never 2xx, never a stack) and recovers by itself", async () => {
    const base = api!.url;
    const token = await signIn(base, "tehran", "tehran.operator");
    const categoryId = await wasteCategory(base, token);
    const post = (path: string, input: unknown, auth = true) =>
      fetch(`${base}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(input) });
    let n = 0;
    const calls: Call[] = [
      { name: "staff registers a message", ok: 200, send: () => post("request.create", complaint(categoryId, `dbdown-${Date.now()}-${n++}`)) },
      { name: "staff list", ok: 200, send: () => fetch(`${base}/trpc/region.list`, { headers: { authorization: `Bearer ${token}` } }) },
      { name: "sign-in", ok: 200, send: () => post("auth.signIn", { city: "tehran", login: "tehran.manager", password: "demo-pass-137" }, false) },
      { name: "portal city page", ok: 200, send: () => fetch(`${base}/trpc/portal.city?input=${encodeURIComponent(JSON.stringify({ city: "tehran" }))}`) },
      { name: "portal tracking", ok: 404, send: () => fetch(`${base}/trpc/portal.track?input=${encodeURIComponent(JSON.stringify({ city: "tehran", trackingCode: "100000000", last4: "0000" }))}`) },
      { name: "Open311 services", ok: 200, send: () => fetch(`${base}/open311/v2/tehran/services.json`) },
      { name: "readiness", ok: 200, send: () => fetch(`${base}/readyz`) },
    ];
    // control: with the database up, each answers as usual
    for (const c of calls) expect((await c.send()).status, c.name).toBe(c.ok);

    pg.stop();
    for (const c of calls) {
      const res = await c.send();
      const text = await res.text();
      expect(res.status, `${c.name}: ${text.slice(0, 300)}`).toBe(503);
      expect(text, c.name).not.toMatch(/stack|ECONNREFUSED|CONNECTION_|at [\w.<>]+ \(|\.ts:\d+/);
      const body = JSON.parse(text);
      if (c.name.startsWith("Open311")) {
        expect(body).toEqual([{ code: 503, description: "سامانه موقتاً در دسترس نیست؛ چند لحظهٔ دیگر دوباره بفرستید." }]);
      } else if (c.name === "readiness") {
        expect(body.status).toBe("unavailable");
      } else {
        expect(body.error.data, c.name).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, messageKey: "errors.serviceUnavailable" });
      }
    }
    // English for a client that asks for it
    const en = await fetch(`${base}/open311/v2/tehran/services.json?locale=en`);
    expect(await en.json()).toEqual([{ code: 503, description: "The system is temporarily unavailable; send the request again in a moment." }]);

    await pg.start();
    // Without restarting the API, every call answers as before within a few seconds
    for (const c of calls) await until(`${c.name} to recover`, async () => (await c.send()).status === c.ok, 30_000);
  });
});
