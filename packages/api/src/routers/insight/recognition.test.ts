import { listOutbox, withTenant } from "@city137/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

/** Names in the engaged-citizens list only with the citizen's standing consent, per city. */
let api: TestApi;
type Caller = ReturnType<TestApi["caller"]>;
let op: Caller, manager: Caller, shirazOp: Caller, shirazManager: Caller;
let tehranWaste: string, shirazWaste: string, tehranId: string;
let n = 0;
const key = () => `recognition-${++n}-${Date.now()}`;
const RANGE = { from: "2026-11-01", to: "2026-11-30" };
const A = "09121000001";
const B = "09121000002";
const C = "09121000003";

const staffMessage = (categoryId: string, citizen: Record<string, unknown>) => ({
  idempotencyKey: key(),
  kind: "complaint" as const,
  categoryId,
  channel: "phone" as const,
  description: "زباله‌های کوچه جمع نشده",
  attributes: { waste_type: "household" },
  citizen,
});
const portalMessage = (over: Record<string, unknown>) => ({
  city: "tehran",
  idempotencyKey: key(),
  kind: "complaint",
  categoryId: tehranWaste,
  description: "زباله‌ها سه روز است جمع نشده",
  attributes: { waste_type: "household" },
  mobile: C,
  ...over,
});
const named = async (who: Caller, mobile: string) => {
  const row = (await who.insight.citizens(RANGE)).find((r) => r.citizen === `${mobile.slice(0, 4)}***${mobile.slice(-4)}`);
  expect(row).toBeDefined(); // the citizen is in the list at all
  return row!.name;
};

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(new Date("2026-11-10T06:30:00Z"));
  const sign = async (c: string, u: string) => api.caller(await api.signIn(c, u));
  op = await sign("tehran", "tehran.operator");
  manager = await sign("tehran", "tehran.manager");
  shirazOp = await sign("shiraz", "shiraz.operator");
  shirazManager = await sign("shiraz", "shiraz.manager");
  const admin = await sign("tehran", "tehran.admin");
  tehranWaste = (await admin.category.list()).find((c) => c.code === "waste.collection")!.id;
  shirazWaste = (await (await sign("shiraz", "shiraz.admin")).category.list()).find((c) => c.code === "waste.collection")!.id;
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
});
afterAll(() => api?.close());

describe("names in the engaged-citizens list", () => {
  it("shows a caller's name when the operator recorded their consent, the masked mobile only otherwise", async () => {
    await op.request.create(staffMessage(tehranWaste, { name: "زهرا رضایی", mobile: A, recognitionConsent: true }));
    await op.request.create(staffMessage(tehranWaste, { name: "علی کاظمی", mobile: B }));
    expect(await named(manager, A)).toBe("زهرا رضایی");
    expect(await named(manager, B)).toBeNull();
    const list = await manager.insight.citizens(RANGE);
    expect(JSON.stringify(list)).not.toContain("علی کاظمی");
  });

  it("refuses a consent without a name or a mobile, naming the field", async () => {
    expect(await failure(op.request.create(staffMessage(tehranWaste, { name: null, mobile: A, recognitionConsent: true })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "citizen.name": "validation.recognitionNeedsName" } });
    expect(await failure(op.request.create(staffMessage(tehranWaste, { name: "زهرا", mobile: null, recognitionConsent: true })))).toMatchObject({ fieldErrors: { "citizen.mobile": "validation.recognitionNeedsMobile" } });
    expect(await failure(api.caller().portal.submit(portalMessage({ recognitionConsent: true })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { name: "validation.recognitionNeedsName" } });
  });

  it("keeps one city's consent out of another's list (same mobile in both)", async () => {
    await shirazOp.request.create(staffMessage(shirazWaste, { name: "علی شیرازی", mobile: B, recognitionConsent: true }));
    expect(await named(shirazManager, B)).toBe("علی شیرازی"); // positive control: Shiraz names him
    expect(await named(manager, B)).toBeNull(); // Tehran has no consent from him
  });

  it("takes consent from the portal's box, shows it on «my messages», and lets the citizen withdraw and give it again", async () => {
    await api.caller().portal.submit(portalMessage({ name: "مریم", recognitionConsent: true }));
    expect(await named(manager, C)).toBe("مریم");

    await api.caller().portal.otpRequest({ city: "tehran", mobile: C });
    const otp = await withTenant(api.db, tehranId, (tx) => listOutbox(tx, { tenantId: tehranId }));
    const code = (otp.filter((o) => o.topic === "sms.otp" && (o.payload as { mobile: string }).mobile === C).at(-1)!.payload as { otp: string }).otp;
    const { token } = await api.caller().portal.otpVerify({ city: "tehran", mobile: C, code });
    expect((await api.caller().portal.mine({ city: "tehran", session: token })).recognition).toMatchObject({ name: "مریم" });

    await api.caller().portal.recognition({ city: "tehran", session: token, consent: false });
    expect((await api.caller().portal.mine({ city: "tehran", session: token })).recognition).toBeNull();
    expect(await named(manager, C)).toBeNull();

    expect(await failure(api.caller().portal.recognition({ city: "tehran", session: token, consent: true, name: " " }))).toMatchObject({ fieldErrors: { name: "validation.recognitionNeedsName" } });
    await api.caller().portal.recognition({ city: "tehran", session: token, consent: true, name: "مریم احمدی" });
    expect(await named(manager, C)).toBe("مریم احمدی");
    // The session is Tehran's: it changes nothing in Shiraz.
    expect(await failure(api.caller().portal.recognition({ city: "shiraz", session: token, consent: true, name: "x" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
