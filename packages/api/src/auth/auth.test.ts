import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT, SESSION } from "@city137/core";
import { RateLimiter } from "./rate-limit";
import { createCallerFactory, createContextFactory } from "../trpc";
import { appRouter } from "../root";
import { createTestApi, failure, type TestApi } from "../test-utils";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const auditActions = async (token: string) =>
  (await api.caller(token).audit.list({ limit: 200 })).map((e) => e.action);

describe("sign-in", () => {
  it("signs a Tehran operator in by user name or e-mail and shows who they are", async () => {
    const token = await api.signIn("tehran", "tehran.operator");
    const me = await api.caller(token).auth.me();
    expect(me).toMatchObject({ kind: "city", user: { username: "tehran.operator", roles: ["operator"] }, city: { slug: "tehran", nameFa: "تهران" } });
    const byEmail = await api.signIn("tehran", "  OPERATOR@tehran.city137.example ");
    expect(byEmail).not.toBe(token);
  });

  it("refuses a wrong password with the same answer as an unknown user, and audits both", async () => {
    const wrong = await failure(api.caller().auth.signIn({ city: "tehran", login: "tehran.supervisor", password: "not-it-at-all" }));
    const unknown = await failure(api.caller().auth.signIn({ city: "tehran", login: "nobody", password: "not-it-at-all" }));
    expect(wrong).toMatchObject({ code: "UNAUTHORIZED", messageKey: "errors.auth.invalidCredentials" });
    expect(unknown).toEqual(wrong);
    const admin = await api.signIn("tehran", "tehran.admin");
    const log = await api.caller(admin).audit.list({ limit: 50 });
    expect(log.filter((e) => e.action === "auth.sign_in_failed").map((e) => (e.detail as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["password", "unknown"]),
    );
  });

  it("a user of one city cannot sign in to another", async () => {
    expect(await failure(api.signIn("shiraz", "tehran.operator"))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(api.signIn("atlantis", "tehran.operator"))).toMatchObject({ code: "NOT_FOUND", messageKey: "errors.city.notFound" });
  });

  it("locks the account after repeated failures, even for the right password, then lets it in when the lock ends", async () => {
    const attempt = (password: string) => api.caller().auth.signIn({ city: "qom", login: "qom.manager", password });
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      expect(await failure(attempt("wrong-password-" + i))).toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await failure(attempt("wrong-password-last"))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      messageKey: "errors.auth.locked",
      params: { minutes: LOCKOUT.lockMinutes },
    });
    expect(await failure(api.signIn("qom", "qom.manager"))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    api.advance(LOCKOUT.lockMinutes * 60_000 + 1000);
    const token = await api.signIn("qom", "qom.manager");
    expect((await api.caller(token).auth.me()).user.username).toBe("qom.manager");
    const qomAdmin = await api.signIn("qom", "qom.admin");
    expect(await auditActions(qomAdmin)).toContain("auth.locked");
  });

  it("limits failed sign-in attempts per client address, not successful ones", async () => {
    const context = createContextFactory({ db: api.db, signInLimiter: new RateLimiter(3, 60_000) });
    const caller = createCallerFactory(appRouter)(context({ token: null, ip: "198.51.100.9" }));
    for (let i = 0; i < 5; i++) await caller.auth.signIn({ city: "mashhad", login: "mashhad.operator", password: "demo-pass-137" });
    for (let i = 0; i < 3; i++) {
      await failure(caller.auth.signIn({ city: "mashhad", login: "nobody", password: "whatever-1" }));
    }
    expect(await failure(caller.auth.signIn({ city: "mashhad", login: "mashhad.operator", password: "demo-pass-137" }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      messageKey: "errors.auth.rateLimited",
    });
  });

  it("names the field at fault for bad input", async () => {
    const bad = await failure(api.caller().auth.signIn({ city: "tehran", login: "   ", password: "" }));
    expect(bad).toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "errors.invalidInput",
      fieldErrors: { login: "validation.required", password: "validation.required" },
    });
  });
});

describe("sessions", () => {
  it("sign-out ends the session and is audited", async () => {
    const token = await api.signIn("shiraz", "shiraz.admin");
    await api.caller(token).auth.signOut();
    expect(await failure(api.caller(token).auth.me())).toMatchObject({ code: "UNAUTHORIZED" });
    const again = await api.signIn("shiraz", "shiraz.admin");
    expect(await auditActions(again)).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_out"]));
  });

  it("expires after the idle timeout and after the absolute lifetime", async () => {
    const idle = await api.signIn("mashhad", "mashhad.supervisor");
    api.advance((SESSION.idleMinutes + 1) * 60_000);
    expect(await failure(api.caller(idle).auth.me())).toMatchObject({ code: "UNAUTHORIZED" });

    const busy = await api.signIn("mashhad", "mashhad.supervisor");
    for (let h = 0; h < SESSION.absoluteHours; h += 0.5) {
      api.advance(30 * 60_000); // active every half hour: never idle
      if (h + 0.5 < SESSION.absoluteHours) await api.caller(busy).auth.me();
    }
    expect(await failure(api.caller(busy).auth.me())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a token whose city part is swapped for another city's finds nothing", async () => {
    const token = await api.signIn("tehran", "tehran.operator");
    const shiraz = (await api.caller().city.get({ slug: "shiraz" })).id;
    const forged = token.replace(/^c\.[^.]+\./, `c.${shiraz}.`);
    expect(await failure(api.caller(forged).auth.me())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(api.caller("garbage").auth.me())).toMatchObject({ code: "UNAUTHORIZED" });
    expect((await api.caller(token).auth.me()).kind).toBe("city"); // control
  });

  it("platform staff sign in without a city and are audited in the platform log", async () => {
    const token = await api.signIn(null, "platform.admin");
    expect(await api.caller(token).auth.me()).toMatchObject({ kind: "platform", user: { roles: ["platform_admin"] } });
    expect(await failure(api.signIn(null, "tehran.admin"))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
