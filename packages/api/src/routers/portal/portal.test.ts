import { listOutbox, withTenant } from "@city137/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let tehranId: string;
let shirazId: string;
let waste: string;
let corruption: string;
let admin: Awaited<ReturnType<TestApi["signIn"]>>;

/** A Tehran working morning, so routing by shift is the same whenever the suite runs. */
const MORNING = new Date("2026-11-28T06:30:00Z");

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(MORNING);
  admin = await api.signIn("tehran", "tehran.admin");
  const cats = await api.caller(admin).category.list();
  waste = cats.find((c) => c.code === "waste.collection")!.id;
  corruption = cats.find((c) => c.code === "corruption")!.id;
  tehranId = ((await api.caller(admin).auth.me()) as { city: { id: string } }).city.id;
  shirazId = ((await api.caller(await api.signIn("shiraz", "shiraz.admin")).auth.me()) as { city: { id: string } }).city.id;
});
afterAll(() => api?.close());

let n = 0;
const submission = (over: Record<string, unknown> = {}) => ({
  city: "tehran",
  idempotencyKey: `portal-test-${++n}-key`,
  kind: "complaint",
  categoryId: waste,
  description: "زباله‌ها سه روز است جمع نشده",
  attributes: { waste_type: "household" },
  lat: 35.7,
  lon: 51.35,
  name: "مریم احمدی",
  mobile: "۰۹۱۲ ۳۴۵ ۶۷۸۹",
  ...over,
});
const outboxOf = (tenantId: string) => withTenant(api.db, tenantId, (tx) => listOutbox(tx, { tenantId }));
const last4 = "6789";

describe("submit", () => {
  it("registers through the staff intake: channel web, routed, tracking-code SMS in the outbox; a double tap makes one message", async () => {
    const input = submission();
    const [a, b] = await Promise.all([api.caller().portal.submit(input), api.caller().portal.submit(input)]);
    expect(a.trackingCode).toMatch(/^\d{9}$/);
    expect(b.trackingCode).toBe(a.trackingCode);
    expect(a.channel).toBe("web");
    const again = await api.caller().portal.submit(input);
    expect(again).toMatchObject({ trackingCode: a.trackingCode, replayed: true });
    const staffView = await api.caller(admin).request.get({ trackingCode: a.trackingCode });
    expect(staffView).toMatchObject({ channel: "web", citizenMobile: "09123456789", citizenName: "مریم احمدی", status: "referred" });
    const sms = (await outboxOf(tehranId)).filter((o) => o.topic === "sms.request_registered" && (o.payload as { trackingCode: string }).trackingCode === a.trackingCode);
    expect(sms).toHaveLength(1);
  });

  it("names the field at fault: private category, wrong mobile, missing description, half a point, unknown city", async () => {
    expect(await failure(api.caller().portal.submit(submission({ categoryId: corruption })))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { categoryId: "errors.request.unknownCategory" } });
    expect(await failure(api.caller().portal.submit(submission({ mobile: "12345" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { mobile: "validation.mobile" } });
    expect(await failure(api.caller().portal.submit(submission({ mobile: "" })))).toMatchObject({ fieldErrors: { mobile: "validation.required" } });
    expect(await failure(api.caller().portal.submit(submission({ description: "  " })))).toMatchObject({ fieldErrors: { description: "validation.required" } });
    expect(await failure(api.caller().portal.submit(submission({ lon: null })))).toMatchObject({ fieldErrors: { lon: "errors.request.halfPoint" } });
    expect(await failure(api.caller().portal.submit(submission({ kind: "corruption_report" })))).toMatchObject({ fieldErrors: { kind: "validation.invalid" } });
    expect(await failure(api.caller().portal.submit(submission({ city: "atlantis" })))).toMatchObject({ code: "NOT_FOUND", messageKey: "portal.errors.unknownCity" });
  });

  it("never accepts for another city: Tehran's category on Shiraz's portal is unknown", async () => {
    expect(await failure(api.caller().portal.submit(submission({ city: "shiraz" })))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { categoryId: "errors.request.unknownCategory" } });
    // control: Shiraz's own category works on Shiraz's portal
    const shirazWaste = (await api.caller().portal.catalogue({ city: "shiraz" })).categories.find((c) => c.pathEn.endsWith("Garbage collection"))!;
    const ok = await api.caller().portal.submit(submission({ city: "shiraz", categoryId: shirazWaste.id, lat: null, lon: null }));
    expect(ok.trackingCode).toMatch(/^\d{9}$/);
  });

  it("offers only public categories, never corruption reports, with their questions", async () => {
    const { categories, districts } = await api.caller().portal.catalogue({ city: "tehran" });
    expect(categories.some((c) => c.id === corruption)).toBe(false);
    expect(categories.every((c) => !(c.kinds as string[]).includes("corruption_report"))).toBe(true);
    expect(categories.find((c) => c.id === waste)!.attributes.map((a) => a.code)).toContain("waste_type");
    expect(districts.length).toBeGreaterThan(100);
  });
});

describe("track", () => {
  it("shows status and timeline with the mobile's last four digits; any wrong proof is the same 'not found'", async () => {
    const { trackingCode } = await api.caller().portal.submit(submission());
    const view = await api.caller().portal.track({ city: "tehran", trackingCode, last4: "۶۷۸۹" });
    expect(view).toMatchObject({ trackingCode, status: "referred", answer: null, canGiveFeedback: false });
    expect(view.timeline.map((e) => e.type)).toEqual(["registered", "referred"]);
    const wrong = await failure(api.caller().portal.track({ city: "tehran", trackingCode, last4: "0000" }));
    const missing = await failure(api.caller().portal.track({ city: "tehran", trackingCode: "100000000", last4 }));
    expect(wrong).toMatchObject({ code: "NOT_FOUND", messageKey: "portal.errors.trackNotFound" });
    expect(missing).toEqual(wrong);
    // Shiraz's portal does not know Tehran's code, even with the right digits.
    expect(await failure(api.caller().portal.track({ city: "shiraz", trackingCode, last4 }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits guessing per client: after 20 failures even a right answer waits", async () => {
    const { trackingCode } = await api.caller().portal.submit(submission());
    const guesser = api.caller(null, "198.51.100.99");
    for (let i = 0; i < 20; i++) await failure(guesser.portal.track({ city: "tehran", trackingCode, last4: String(1000 + i) }));
    expect(await failure(guesser.portal.track({ city: "tehran", trackingCode, last4 }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // control: another client is not affected
    await expect(api.caller(null, "198.51.100.100").portal.track({ city: "tehran", trackingCode, last4 })).resolves.toMatchObject({ trackingCode });
  });
});

describe("answer and feedback", () => {
  it("after resolution: the answer, the resolution SMS with a feedback link, and one feedback per message", async () => {
    const { trackingCode } = await api.caller().portal.submit(submission());
    expect(await failure(api.caller().portal.feedback({ city: "tehran", trackingCode, last4, score: 5 }))).toMatchObject({ code: "CONFLICT", messageKey: "portal.errors.feedbackNotYet" });
    const r = await api.caller(admin).request.get({ trackingCode });
    await api.caller(admin).request.transition({ id: r.id, action: "resolve", note: "زباله‌ها جمع‌آوری شد." });
    const view = await api.caller().portal.track({ city: "tehran", trackingCode, last4 });
    expect(view).toMatchObject({ status: "resolved", answer: { type: "resolve", note: "زباله‌ها جمع‌آوری شد." }, canGiveFeedback: true });
    expect((await outboxOf(tehranId)).some((o) => o.topic === "sms.request_resolved" && (o.payload as { trackingCode: string }).trackingCode === trackingCode)).toBe(true);
    // The SMS link's token opens the feedback without the digits; Shiraz's portal refuses it.
    expect(await failure(api.caller().portal.feedback({ city: "shiraz", trackingCode, token: view.feedbackToken, score: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(api.caller().portal.feedback({ city: "tehran", trackingCode, token: "x".repeat(22), score: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    await expect(api.caller().portal.feedback({ city: "tehran", trackingCode, token: view.feedbackToken, score: 4, comment: "سریع بود" })).resolves.toEqual({ score: 4 });
    expect(await failure(api.caller().portal.feedback({ city: "tehran", trackingCode, last4, score: 1 }))).toMatchObject({ code: "CONFLICT", messageKey: "portal.errors.feedbackGiven" });
    expect((await api.caller().portal.track({ city: "tehran", trackingCode, last4 })).feedback).toEqual({ score: 4, comment: "سریع بود" });
    expect(await failure(api.caller().portal.feedback({ city: "tehran", trackingCode, last4, score: 9 }))).toMatchObject({ fieldErrors: { score: "validation.invalid" } });
  });
});

describe("one-time codes and the verified citizen", () => {
  const otpOf = async (mobile: string) => {
    const rows = (await outboxOf(tehranId)).filter((o) => o.topic === "sms.otp" && (o.payload as { mobile: string }).mobile === mobile);
    return (rows.at(-1)!.payload as { otp: string }).otp;
  };

  it("verifies a mobile, lists its messages, adds information, reopens a resolved one within the window", async () => {
    const mobile = "09351234567";
    const open = await api.caller().portal.submit(submission({ mobile }));
    const done = await api.caller().portal.submit(submission({ mobile }));
    await api.caller().portal.submit(submission({ mobile: "09359999999" }));
    await api.caller().portal.otpRequest({ city: "tehran", mobile });
    const code = await otpOf(mobile);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await failure(api.caller().portal.otpVerify({ city: "tehran", mobile, code: wrong }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { code: "portal.errors.otpWrong" } });
    // A code of Tehran means nothing in Shiraz.
    expect(await failure(api.caller().portal.otpVerify({ city: "shiraz", mobile, code }))).toMatchObject({ code: "NOT_FOUND" });
    const { token } = await api.caller().portal.otpVerify({ city: "tehran", mobile, code });
    expect(await failure(api.caller().portal.otpVerify({ city: "tehran", mobile, code }))).toMatchObject({ fieldErrors: { code: "portal.errors.otpExpired" } });

    const mine = await api.caller().portal.mine({ city: "tehran", session: token });
    expect(mine.requests.map((r) => r.trackingCode).sort()).toEqual([open.trackingCode, done.trackingCode].sort());
    expect(await failure(api.caller().portal.mine({ city: "shiraz", session: token }))).toMatchObject({ code: "UNAUTHORIZED" });

    await api.caller().portal.addInfo({ city: "tehran", session: token, trackingCode: open.trackingCode, text: "کیسه‌ها کنار در پارک است." });
    const openView = await api.caller().portal.track({ city: "tehran", trackingCode: open.trackingCode, last4: "4567" });
    expect(openView.timeline.at(-1)).toMatchObject({ type: "citizen_info", note: "کیسه‌ها کنار در پارک است." });

    const r = await api.caller(admin).request.get({ trackingCode: done.trackingCode });
    expect(await failure(api.caller().portal.reopen({ city: "tehran", session: token, trackingCode: done.trackingCode, reason: "هنوز مانده" }))).toMatchObject({ code: "CONFLICT" });
    await api.caller(admin).request.transition({ id: r.id, action: "resolve", note: "انجام شد" });
    // Another mobile's message is not theirs to reopen.
    const other = await api.caller().portal.submit(submission({ mobile: "09359999998" }));
    expect(await failure(api.caller().portal.reopen({ city: "tehran", session: token, trackingCode: other.trackingCode, reason: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    const reopened = await api.caller().portal.reopen({ city: "tehran", session: token, trackingCode: done.trackingCode, reason: "هنوز زباله‌ها مانده" });
    expect(reopened.status).toBe("reopened");
    const staffView = await api.caller(admin).request.get({ id: r.id });
    expect(staffView.timeline.at(-1)).toMatchObject({ type: "reopen", note: "هنوز زباله‌ها مانده", actorStaffId: null });
  });

  it("refuses reopening after the city's window", async () => {
    const mobile = "09351234500";
    const m = await api.caller().portal.submit(submission({ mobile }));
    const r = await api.caller(admin).request.get({ trackingCode: m.trackingCode });
    await api.caller(admin).request.transition({ id: r.id, action: "resolve", note: "انجام شد" });
    await api.caller(admin).sms.updateSettings({ reopenWindowDays: 1, otpPerMobileDaily: 5, otpPerClientDaily: 50, otpPerCityDaily: 2000 });
    await api.caller().portal.otpRequest({ city: "tehran", mobile });
    const { token } = await api.caller().portal.otpVerify({ city: "tehran", mobile, code: await otpOf(mobile) });
    api.advance(2 * 86_400_000);
    try {
      // The session has expired too by now: ask again.
      expect(await failure(api.caller().portal.mine({ city: "tehran", session: token }))).toMatchObject({ code: "UNAUTHORIZED", messageKey: "portal.errors.sessionExpired" });
      await api.caller().portal.otpRequest({ city: "tehran", mobile });
      const fresh = await api.caller().portal.otpVerify({ city: "tehran", mobile, code: await otpOf(mobile) });
      expect(await failure(api.caller().portal.reopen({ city: "tehran", session: fresh.token, trackingCode: m.trackingCode, reason: "دیر" }))).toMatchObject({ code: "CONFLICT", messageKey: "portal.errors.reopenClosed", params: { days: 1 } });
    } finally {
      api.setNow(MORNING);
      await api.caller(admin).sms.updateSettings({ reopenWindowDays: 14, otpPerMobileDaily: 5, otpPerClientDaily: 10, otpPerCityDaily: 2000 });
    }
  });

  it("caps codes per mobile per day, and spends a code after five wrong guesses", async () => {
    const mobile = "09130000001";
    const client = api.caller(null, "192.0.2.50");
    for (let i = 0; i < 5; i++) await client.portal.otpRequest({ city: "tehran", mobile });
    expect(await failure(client.portal.otpRequest({ city: "tehran", mobile }))).toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "portal.errors.otpCap" });
    // control: another mobile from another client still gets one
    await expect(api.caller(null, "192.0.2.51").portal.otpRequest({ city: "tehran", mobile: "09130000002" })).resolves.toMatchObject({ sent: true });
    const code = await otpOf("09130000002");
    const bad = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await failure(api.caller(null, "192.0.2.52").portal.otpVerify({ city: "tehran", mobile: "09130000002", code: bad }));
    expect(await failure(api.caller(null, "192.0.2.53").portal.otpVerify({ city: "tehran", mobile: "09130000002", code }))).toMatchObject({ fieldErrors: { code: "portal.errors.otpExhausted" } });
  });
});

describe("QR codes", () => {
  it("pre-fills from a scanned code, counts scans and messages, and is polite when revoked", async () => {
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    const [qr] = await supervisor.qr.create({ label: "ایستگاه مترو تجریش", placeKind: "line", lat: 35.8, lon: 51.43, categoryIds: [waste] });
    const opened = await api.caller().portal.qr({ city: "tehran", code: qr!.code });
    expect(opened).toMatchObject({ status: "active", lat: 35.8, lon: 51.43, categoryIds: [waste] });
    const m = await api.caller().portal.submit(submission({ qr: qr!.code }));
    expect(m.channel).toBe("qr");
    const listed = (await supervisor.qr.list()).find((q) => q.id === qr!.id)!;
    expect([listed.scans, listed.messages]).toEqual([1, 1]);
    // Another city's portal, a forged signature: not found.
    expect(await failure(api.caller().portal.qr({ city: "shiraz", code: qr!.code }))).toMatchObject({ code: "NOT_FOUND" });
    const forged = `${qr!.code.slice(0, 7)}${qr!.code.slice(7) === "aaaaa" ? "bbbbb" : "aaaaa"}`;
    expect(await failure(api.caller().portal.qr({ city: "tehran", code: forged }))).toMatchObject({ code: "NOT_FOUND" });
    await supervisor.qr.revoke({ id: qr!.id });
    expect(await api.caller().portal.qr({ city: "tehran", code: qr!.code })).toEqual({ status: "revoked" });
    // A revoked code still lets the message in, as "web".
    expect((await api.caller().portal.submit(submission({ qr: qr!.code }))).channel).toBe("web");
    const batch = await supervisor.qr.create({ label: "اتوبوس", placeKind: "vehicle", count: 3, firstNumber: 101 });
    expect(batch.map((b) => b.label)).toEqual(["اتوبوس 101", "اتوبوس 102", "اتوبوس 103"]);
    expect(new Set(batch.map((b) => b.code)).size).toBe(3);
    expect((await api.caller(await api.signIn("shiraz", "shiraz.admin")).qr.list()).some((q) => q.id === qr!.id)).toBe(false);
    expect(shirazId).not.toBe(tehranId);
  });
});
