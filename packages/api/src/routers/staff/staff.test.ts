import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let admin: ReturnType<TestApi["caller"]>;
let unitIdOf: Map<string, string>;
beforeAll(async () => {
  api = await createTestApi();
  admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  unitIdOf = new Map((await admin.unit.list()).map((u) => [u.code, u.id]));
});
afterAll(() => api?.close());

describe("staff accounts", () => {
  it("invites a unit member who sets a password with the one-time link and signs in", async () => {
    const { staff, invitation } = await admin.staff.create({
      username: "Reza.Karimi",
      email: "reza@tehran.example",
      displayName: "رضا کریمی",
      roles: ["unit_staff"],
      unitIds: [unitIdOf.get("R03-D02-OFFICE")!],
    });
    expect(staff).toMatchObject({ username: "reza.karimi", roles: ["unit_staff"], active: true });
    expect(await failure(api.signIn("tehran", "reza.karimi", "anything at all"))).toMatchObject({ code: "UNAUTHORIZED" });
    await api.caller().auth.acceptInvitation({ city: "tehran", token: invitation.token, password: "a new long password" });
    const me = await api.caller(await api.signIn("tehran", "reza.karimi", "a new long password")).auth.me();
    expect(me).toMatchObject({ kind: "city", user: { unitIds: [unitIdOf.get("R03-D02-OFFICE")] } });
    // the link works once, and only in its own city
    expect(await failure(api.caller().auth.acceptInvitation({ city: "tehran", token: invitation.token, password: "another long password" }))).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { token: "errors.invitation.invalid" },
    });
    const again = await admin.staff.reinvite({ staffId: staff.id });
    expect(await failure(api.caller().auth.acceptInvitation({ city: "shiraz", token: again.token, password: "another long password" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an invitation expires after a week", async () => {
    const { invitation } = await admin.staff.create({ username: "late.comer", email: "late@tehran.example", displayName: "دیرآمده", roles: ["operator"] });
    api.advance(8 * 86_400_000);
    expect(await failure(api.caller().auth.acceptInvitation({ city: "tehran", token: invitation.token, password: "a new long password" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a taken user name, unit staff without a unit and a unit of another city", async () => {
    const fresh = api.caller(await api.signIn("tehran", "tehran.admin"));
    expect(await failure(fresh.staff.create({ username: "tehran.operator", email: "x@tehran.example", displayName: "الف", roles: ["operator"] }))).toMatchObject({ code: "CONFLICT", messageKey: "errors.staff.taken" });
    expect(await failure(fresh.staff.create({ username: "no.unit", email: "n@tehran.example", displayName: "الف", roles: ["unit_staff"] }))).toMatchObject({ fieldErrors: { unitIds: "errors.staff.unitRequired" } });
    const shirazUnit = (await api.caller(await api.signIn("shiraz", "shiraz.admin")).unit.list())[0]!.id;
    expect(await failure(fresh.staff.create({ username: "wrong.city", email: "w@tehran.example", displayName: "الف", roles: ["unit_staff"], unitIds: [shirazUnit] }))).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { "unitIds.0": "errors.staff.unknownUnit" },
    });
    expect(await failure(fresh.staff.create({ username: "x", email: "bad", displayName: "", roles: ["operator"] }))).toMatchObject({
      fieldErrors: { username: "validation.username", email: "validation.invalid", displayName: "validation.required" },
    });
  });

  it("deactivating a member ends their sessions and stops sign-in; reactivating restores it; nobody deactivates themself", async () => {
    const fresh = api.caller(await api.signIn("tehran", "tehran.admin"));
    const list = await fresh.staff.list();
    const manager = list.find((s) => s.username === "tehran.manager")!;
    const session = await api.signIn("tehran", "tehran.manager");
    await fresh.staff.setActive({ staffId: manager.id, active: false });
    expect(await failure(api.caller(session).auth.me())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(api.signIn("tehran", "tehran.manager"))).toMatchObject({ code: "UNAUTHORIZED" });
    await fresh.staff.setActive({ staffId: manager.id, active: true });
    await expect(api.signIn("tehran", "tehran.manager")).resolves.toBeTruthy();
    const self = (await fresh.auth.me()).user.id;
    expect(await failure(fresh.staff.setActive({ staffId: self, active: false }))).toMatchObject({ fieldErrors: { active: "errors.staff.cannotDeactivateSelf" } });
    const actions = (await fresh.audit.list({ limit: 100 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.invited", "staff.invitation_accepted", "staff.deactivated", "staff.activated"]));
  });
});
