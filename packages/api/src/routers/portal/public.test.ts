import { listOutbox, withTenant } from "@city137/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

/**
 * The portal's public messages and "me too" (docs/decisions/016): one city's
 * only, public kinds in public categories only, and no personal data in the
 * payload — each checked next to a control that shows the same path works.
 */
let api: TestApi;
let admin: string;
let tehranId: string;
let waste: string;
let potholes: string;
let signs: string;
let corruption: string;

const MORNING = new Date("2026-11-28T06:30:00Z");
const NAME = "نرگس محمدی‌فر";
const MOBILE = "09127770001";
const NATIONAL_ID = "0499370899";

let n = 0;
const staffMessage = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `public-test-${++n}-key`,
  kind: "request",
  categoryId: waste,
  channel: "phone",
  description: "زباله‌های کوچه جمع نشده",
  attributes: { waste_type: "household" },
  lat: 35.712345,
  lon: 51.356789,
  citizen: { name: NAME, mobile: MOBILE, nationalId: NATIONAL_ID },
  ...over,
});
const create = async (over: Record<string, unknown> = {}) => api.caller(admin).request.create(staffMessage(over) as never);
const outboxOf = (tenantId: string) => withTenant(api.db, tenantId, (tx) => listOutbox(tx, { tenantId }));
const session = async (city: string, mobile: string, tenantId: string) => {
  await api.caller().portal.otpRequest({ city, mobile });
  const rows = (await outboxOf(tenantId)).filter((o) => o.topic === "sms.otp" && (o.payload as { mobile: string }).mobile === mobile);
  const code = (rows.at(-1)!.payload as { otp: string }).otp;
  return (await api.caller().portal.otpVerify({ city, mobile, code })).token;
};

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(MORNING);
  admin = await api.signIn("tehran", "tehran.admin");
  const cats = await api.caller(admin).category.list();
  waste = cats.find((c) => c.code === "waste.collection")!.id;
  potholes = cats.find((c) => c.code === "roads.potholes")!.id;
  signs = cats.find((c) => c.code === "roads.signs")!.id;
  corruption = cats.find((c) => c.code === "corruption")!.id;
  tehranId = ((await api.caller(admin).auth.me()) as { city: { id: string } }).city.id;
});
afterAll(() => api?.close());

describe("public messages", () => {
  it("shows a city's own public messages with no personal data: no name, mobile, national id, address or tracking code; numbers in the text masked; the point rounded", async () => {
    const m = await create({ description: `چاله بزرگ؛ با من تماس بگیرید ${MOBILE} کد ملی ${NATIONAL_ID}`, address: "کوچهٔ یاس، پلاک ۷، منزل احمدی" });
    const list = await api.caller().portal.publicList({ city: "tehran" });
    if (!list.enabled) throw new Error("Tehran shows public messages by default");
    const mine = list.messages.find((x) => x.id === m.id)!;
    expect(mine).toMatchObject({ kind: "request", status: "referred", canSupport: true, supporters: 0, point: { lat: 35.712, lon: 51.357 } });
    expect(mine.description).toBe("چاله بزرگ؛ با من تماس بگیرید *** کد ملی ***");
    const json = JSON.stringify(list) + JSON.stringify(await api.caller().portal.publicMessage({ city: "tehran", id: m.id }));
    for (const secret of [MOBILE, NATIONAL_ID, NAME, "منزل احمدی", m.trackingCode, "35.712345"]) expect(json, secret).not.toContain(secret);
    // control: the staff view of the same message has them all
    const staff = JSON.stringify(await api.caller(admin).request.get({ id: m.id }));
    for (const secret of [MOBILE, NATIONAL_ID, NAME, m.trackingCode]) expect(staff).toContain(secret);
  });

  it("never shows another city's messages, not even by id", async () => {
    const shirazAdmin = await api.signIn("shiraz", "shiraz.admin");
    const shirazWaste = (await api.caller(shirazAdmin).category.list()).find((c) => c.code === "waste.collection")!.id;
    const shirazMessage = await api.caller(shirazAdmin).request.create(staffMessage({ categoryId: shirazWaste, lat: null, lon: null, description: "پیام شیراز" }) as never);
    const tehranMessage = await create({ description: "پیام تهران" });
    const tehran = await api.caller().portal.publicList({ city: "tehran" });
    const shiraz = await api.caller().portal.publicList({ city: "shiraz" });
    if (!tehran.enabled || !shiraz.enabled) throw new Error("both demo cities show public messages");
    expect(tehran.messages.map((x) => x.id)).not.toContain(shirazMessage.id);
    expect(shiraz.messages.map((x) => x.id)).toEqual([shirazMessage.id]);
    expect(await failure(api.caller().portal.publicMessage({ city: "tehran", id: shirazMessage.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(api.caller().portal.publicMessage({ city: "shiraz", id: tehranMessage.id }))).toMatchObject({ code: "NOT_FOUND" });
    // controls: each on its own portal
    await expect(api.caller().portal.publicMessage({ city: "shiraz", id: shirazMessage.id })).resolves.toMatchObject({ description: "پیام شیراز" });
    await expect(api.caller().portal.publicMessage({ city: "tehran", id: tehranMessage.id })).resolves.toMatchObject({ description: "پیام تهران" });
  });

  it("never shows a category the city marks private, a corruption report, a complaint or a duplicate", async () => {
    const sign = await create({ categoryId: signs, attributes: {}, description: "تابلو افتاده" });
    const complaint = await create({ kind: "complaint", description: "شکایت از رفتار مأمور" });
    const report = await create({ kind: "corruption_report", categoryId: corruption, attributes: {}, description: "رشوه" });
    const original = await create({ description: "اصلی" });
    const dup = await create({ description: "تکراری" });
    await api.caller(admin).request.transition({ id: dup.id, action: "mark_duplicate", duplicateOf: original.id } as never);
    const ids = async () => {
      const l = await api.caller().portal.publicList({ city: "tehran", page: 1 });
      return l.enabled ? l.messages.map((x) => x.id) : [];
    };
    expect(await ids()).toContain(sign.id); // control: public while its category is
    expect(await ids()).toContain(original.id);
    for (const hidden of [complaint.id, report.id, dup.id]) {
      expect(await ids()).not.toContain(hidden);
      expect(await failure(api.caller().portal.publicMessage({ city: "tehran", id: hidden }))).toMatchObject({ code: "NOT_FOUND" });
    }
    const cat = (await api.caller(admin).category.list()).find((c) => c.id === signs)!;
    await api.caller(admin).category.update({ ...cat, id: signs, public: false } as never);
    try {
      expect(await ids()).not.toContain(sign.id);
      expect(await failure(api.caller().portal.publicMessage({ city: "tehran", id: sign.id }))).toMatchObject({ code: "NOT_FOUND" });
      const l = await api.caller().portal.publicList({ city: "tehran" });
      expect(l.enabled && l.categories.some((c) => c.id === signs)).toBe(false);
      expect(await failure(api.caller().portal.publicList({ city: "tehran", categoryId: signs }))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { categoryId: "errors.request.unknownCategory" } });
    } finally {
      await api.caller(admin).category.update({ ...cat, id: signs, public: true } as never);
    }
  });

  it("filters by category and status group, and pages twenty at a time, newest first", async () => {
    const pothole = await create({ categoryId: potholes, attributes: {}, description: "چالهٔ خیابان" });
    const resolved = await create({ categoryId: potholes, attributes: {}, description: "چالهٔ پرشده" });
    await api.caller(admin).request.transition({ id: resolved.id, action: "resolve", note: "پر شد" });
    const byCat = await api.caller().portal.publicList({ city: "tehran", categoryId: potholes });
    expect(byCat.enabled && byCat.messages.map((x) => x.id)).toEqual([resolved.id, pothole.id]);
    const open = await api.caller().portal.publicList({ city: "tehran", categoryId: potholes, status: "open" });
    expect(open.enabled && open.messages.map((x) => [x.id, x.canSupport])).toEqual([[pothole.id, true]]);
    const done = await api.caller().portal.publicList({ city: "tehran", categoryId: potholes, status: "resolved" });
    expect(done.enabled && done.messages.map((x) => [x.id, x.canSupport])).toEqual([[resolved.id, false]]);
    for (let i = 0; i < 21; i++) await create({ description: `صفحه ${i}` });
    const first = await api.caller().portal.publicList({ city: "tehran" });
    const second = await api.caller().portal.publicList({ city: "tehran", page: 2 });
    if (!first.enabled || !second.enabled) throw new Error("shown");
    expect(first.messages).toHaveLength(20);
    expect(first.hasNext).toBe(true);
    expect(first.messages[0]!.description).toBe("صفحه 20");
    expect(second.messages[0]!.description).toBe("صفحه 0");
    expect(new Set([...first.messages, ...second.messages].map((x) => x.id)).size).toBe(first.messages.length + second.messages.length);
    expect(await failure(api.caller().portal.publicList({ city: "tehran", status: "lost" as never }))).toMatchObject({ fieldErrors: { status: "validation.invalid" } });
  });

  it("shows nothing while the city has public messages off, and again when the admin turns them on", async () => {
    const m = await create({ description: "خاموش و روشن" });
    const limits = { reopenWindowDays: 14, otpPerMobileDaily: 5, otpPerClientDaily: 50, otpPerCityDaily: 2000 };
    await api.caller(admin).sms.updateSettings({ ...limits, publicMessages: false });
    try {
      expect(await api.caller().portal.publicList({ city: "tehran" })).toEqual({ enabled: false });
      expect(await failure(api.caller().portal.publicMessage({ city: "tehran", id: m.id }))).toMatchObject({ code: "NOT_FOUND", messageKey: "portal.errors.publicOff" });
      // control: Shiraz's switch is its own
      expect((await api.caller().portal.publicList({ city: "shiraz" })).enabled).toBe(true);
      // saving the limits without the switch leaves it as it is
      await api.caller(admin).sms.updateSettings(limits);
      expect((await api.caller(admin).sms.settings()).publicMessages).toBe(false);
    } finally {
      await api.caller(admin).sms.updateSettings({ ...limits, publicMessages: true });
    }
    await expect(api.caller().portal.publicMessage({ city: "tehran", id: m.id })).resolves.toMatchObject({ id: m.id });
  });
});

describe("me too from the portal", () => {
  it("adds a verified mobile once, counts it, texts it in its language, and shares the phone desk's rule of once per mobile", async () => {
    const m = await create({ description: "چراغ کوچه خاموش است" });
    const token = await session("tehran", "09127770002", tehranId);
    const first = await api.caller().portal.support({ city: "tehran", session: token, id: m.id, locale: "en" });
    expect(first).toMatchObject({ added: true, own: false, supporters: 1 });
    expect(await api.caller().portal.support({ city: "tehran", session: token, id: m.id, locale: "en" })).toMatchObject({ added: false, supporters: 1 });
    // the phone desk adding the same mobile adds nobody: one piece of code, one rule
    const desk = await api.caller(admin).request.support({ idempotencyKey: `desk-${m.id}`, requestId: m.id, citizen: { name: null, mobile: "09127770002" } } as never);
    expect(desk.added).toBe(false);
    await expect(api.caller().portal.publicMessage({ city: "tehran", id: m.id })).resolves.toMatchObject({ supporters: 1 });
    const sms = (await outboxOf(tehranId)).filter((o) => o.topic === "sms.request_supported" && (o.payload as { requestId: string }).requestId === m.id);
    expect(sms.map((o) => o.payload)).toEqual([expect.objectContaining({ mobile: "09127770002", locale: "en" })]);
    // when the message is answered, the supporter is texted in English too
    await api.caller(admin).request.transition({ id: m.id, action: "resolve", note: "روشن شد" });
    const told = (await outboxOf(tehranId)).filter((o) => o.topic === "sms.request_resolved" && (o.payload as { requestId: string }).requestId === m.id);
    expect(told.map((o) => [(o.payload as { mobile: string }).mobile, (o.payload as { locale: string | null }).locale]).sort()).toEqual([
      [MOBILE, null],
      ["09127770002", "en"],
    ]);
    // a resolved message takes no more support
    expect(await failure(api.caller().portal.support({ city: "tehran", session: token, id: m.id, locale: null }))).toMatchObject({ code: "CONFLICT", messageKey: "errors.request.supportClosed" });
  });

  it("does not count the message's own citizen, needs a session of the same city, and finds nothing hidden", async () => {
    const m = await create({ description: "درخت افتاده" });
    const own = await session("tehran", MOBILE, tehranId);
    expect(await api.caller().portal.support({ city: "tehran", session: own, id: m.id, locale: null })).toMatchObject({ added: false, own: true, supporters: 0 });
    const shirazId = ((await api.caller(await api.signIn("shiraz", "shiraz.admin")).auth.me()) as { city: { id: string } }).city.id;
    const shirazToken = await session("shiraz", "09127770003", shirazId);
    expect(await failure(api.caller().portal.support({ city: "tehran", session: shirazToken, id: m.id, locale: null }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(api.caller().portal.support({ city: "shiraz", session: shirazToken, id: m.id, locale: null }))).toMatchObject({ code: "NOT_FOUND" });
    const complaint = await create({ kind: "complaint", description: "شکایت" });
    const tehranToken = await session("tehran", "09127770003", tehranId);
    expect(await failure(api.caller().portal.support({ city: "tehran", session: tehranToken, id: complaint.id, locale: null }))).toMatchObject({ code: "NOT_FOUND" });
    // control: the same Tehran session on the public message
    expect(await api.caller().portal.support({ city: "tehran", session: tehranToken, id: m.id, locale: null })).toMatchObject({ added: true, supporters: 1 });
  });
});

describe("the citizen's language", () => {
  it("remembers the language of the portal page on the message and words its SMS in it", async () => {
    const input = {
      city: "tehran",
      idempotencyKey: "public-lang-key-1",
      kind: "request",
      categoryId: waste,
      description: "Garbage not collected",
      attributes: { waste_type: "household" },
      mobile: "09127770004",
      locale: "en" as const,
    };
    const r = await api.caller().portal.submit(input);
    const row = (await outboxOf(tehranId)).find((o) => o.topic === "sms.request_registered" && (o.payload as { trackingCode: string }).trackingCode === r.trackingCode)!;
    expect(row.payload).toMatchObject({ mobile: "09127770004", locale: "en" });
    const fa = await api.caller().portal.submit({ ...input, idempotencyKey: "public-lang-key-2", mobile: "09127770005", locale: "fa" });
    expect((await outboxOf(tehranId)).find((o) => (o.payload as { trackingCode?: string }).trackingCode === fa.trackingCode)!.payload).toMatchObject({ locale: "fa" });
    await api.caller().portal.otpRequest({ city: "tehran", mobile: "09127770004", locale: "en" });
    const otp = (await outboxOf(tehranId)).filter((o) => o.topic === "sms.otp" && (o.payload as { mobile: string }).mobile === "09127770004").at(-1)!;
    expect(otp.payload).toMatchObject({ locale: "en" });
    expect(await failure(api.caller().portal.submit({ ...input, idempotencyKey: "public-lang-key-3", locale: "de" as never }))).toMatchObject({ fieldErrors: { locale: "validation.invalid" } });
  });
});
