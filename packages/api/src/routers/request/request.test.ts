import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutbox, withTenant } from "@city137/db";
import { parseTrackingCode } from "@city137/core";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let op: ReturnType<TestApi["caller"]>;
let tehranId: string;
const ids = new Map<string, string>();
let key = 0;
const k = () => `test-key-${Date.now()}-${++key}`;

beforeAll(async () => {
  api = await createTestApi();
  op = api.caller(await api.signIn("tehran", "tehran.operator"));
  const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  for (const c of await admin.category.list()) ids.set(c.code, c.id);
  for (const u of await admin.unit.list()) ids.set(u.code, u.id);
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
});
afterAll(() => api?.close());

// A point in Tehran's demo region 1, district 1.
const R01_D01 = { lat: 35.82, lon: 51.101 };
const garbage = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: k(),
  kind: "complaint" as const,
  categoryId: ids.get("waste.collection")!,
  channel: "phone" as const,
  description: "زباله‌های کوچه سه روز است جمع نشده",
  attributes: { waste_type: "household" },
  ...R01_D01,
  citizen: { name: "علی رضایی", mobile: "۰۹۱۲ ۳۴۵ ۶۷۸۹", nationalId: "0499370899" },
  ...over,
});

describe("registering a message", () => {
  it("routes a garbage complaint to its district's office with a deadline, a timeline and an SMS in the outbox", async () => {
    api.setNow(new Date("2026-11-22T10:00:00+03:30")); // Sunday 10:00 in Tehran
    const r = await op.request.create(garbage());
    expect(parseTrackingCode(r.trackingCode)).toBe(r.trackingCode);
    expect(r).toMatchObject({ status: "referred", unitId: ids.get("R01-D01-OFFICE"), replayed: false });
    expect(r.deadline).toBe(new Date("2026-11-23T10:00:00+03:30").toISOString()); // one working day
    const full = await op.request.get({ trackingCode: r.trackingCode });
    expect(full).toMatchObject({ citizenMobile: "09123456789", citizenNationalId: "0499370899", routingRuleId: "waste", priority: "normal" });
    expect(full.timeline.map((e) => [e.type, e.toStatus])).toEqual([["registered", "registered"], ["referred", "referred"]]);
    const outbox = await withTenant(api.db, tehranId, (tx) => listOutbox(tx, { tenantId: tehranId }));
    expect(outbox.find((o) => (o.payload as { requestId: string }).requestId === r.id)).toMatchObject({ topic: "sms.request_registered" });
  });

  it("sends urgent flooding to HQ with a 24/7 deadline", async () => {
    api.setNow(new Date("2026-11-27T22:00:00+03:30")); // Friday night
    const r = await op.request.create(garbage({ categoryId: ids.get("roads.flooding"), kind: "request", attributes: {} }));
    expect(r.unitId).toBe(ids.get("HQ"));
    expect(r.deadline).toBe(new Date("2026-11-28T00:00:00+03:30").toISOString());
  });

  it("returns the first answer to a retry with the same key, and refuses the key with another body", async () => {
    const input = garbage();
    const first = await op.request.create(input);
    const again = await op.request.create(input);
    expect(again).toMatchObject({ id: first.id, trackingCode: first.trackingCode, replayed: true });
    expect(await failure(op.request.create({ ...input, description: "متن دیگر" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { idempotencyKey: "errors.request.idempotencyMismatch" } });
  });

  it("creates exactly one message for 50 concurrent submits with one key", async () => {
    const input = garbage({ citizen: { mobile: "09350000050", name: null, nationalId: null } });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => op.request.create(input)));
    const ok = results.filter((x) => x.status === "fulfilled").map((x) => (x as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(ok).toHaveLength(50);
    expect(new Set(ok).size).toBe(1);
    expect(await op.request.list({ queue: "all", mobile: "09350000050", openOnly: false })).toHaveLength(1);
  });

  it("names each bad field and saves nothing", async () => {
    const before = (await op.request.list({ queue: "all", openOnly: false, limit: 200 })).length;
    expect(await failure(op.request.create(garbage({ citizen: { mobile: "12345", nationalId: "0499370898", name: null } })))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "citizen.mobile": "validation.mobile", "citizen.nationalId": "validation.nationalId" },
    });
    expect(await failure(op.request.create(garbage({ attributes: {} })))).toMatchObject({ fieldErrors: { "attributes.waste_type": "validation.required" } });
    expect(await failure(op.request.create(garbage({ attributes: { waste_type: "nuclear" } })))).toMatchObject({ fieldErrors: { "attributes.waste_type": "validation.invalid" } });
    expect(await failure(op.request.create(garbage({ kind: "thanks" })))).toMatchObject({ fieldErrors: { kind: "errors.request.kindNotAccepted" } });
    expect(await failure(op.request.create(garbage({ lat: 35.7, lon: null })))).toMatchObject({ fieldErrors: { lon: "errors.request.halfPoint" } });
    const shirazCategory = (await api.caller(await api.signIn("shiraz", "shiraz.admin")).category.list())[0]!.id;
    expect(await failure(op.request.create(garbage({ categoryId: shirazCategory })))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { categoryId: "errors.request.unknownCategory" } });
    expect((await op.request.list({ queue: "all", openOnly: false, limit: 200 })).length).toBe(before);
  });
});

describe("possible duplicates at intake", () => {
  it("lists open messages of the same category within the radius, nearest first", async () => {
    const a = await op.request.create(garbage({ lat: 35.75, lon: 51.3 }));
    await op.request.create(garbage({ lat: 35.7505, lon: 51.3 })); // ~55 m north
    await op.request.create(garbage({ lat: 35.76, lon: 51.3 })); // ~1.1 km away
    await op.request.create(garbage({ lat: 35.7501, lon: 51.3, categoryId: ids.get("waste.debris"), attributes: {} })); // other category
    const near = await op.request.nearby({ categoryId: ids.get("waste.collection")!, lat: 35.7502, lon: 51.3, radiusMetres: 200 });
    expect(near.map((n) => n.metres)).toEqual([22, 33]);
    expect(near[0]!.id).toBe(a.id);
  });
});

describe("handling a message", () => {
  it("the district's unit staff start and resolve it; the citizen's SMS is queued; closing twice is refused", async () => {
    api.setNow(new Date("2026-11-22T11:00:00+03:30"));
    const r = await op.request.create(garbage());
    const unit = api.caller(await api.signIn("tehran", "tehran.unitstaff"));
    expect((await unit.request.list({ queue: "mine" })).map((x) => x.id)).toContain(r.id);
    expect(await failure(op.request.transition({ id: r.id, action: "resolve", note: "انجام شد" }))).toMatchObject({ code: "FORBIDDEN" });
    await unit.request.transition({ id: r.id, action: "start" });
    expect(await failure(unit.request.transition({ id: r.id, action: "resolve" }))).toMatchObject({ fieldErrors: { note: "errors.request.noteRequired" } });
    const done = await unit.request.transition({ id: r.id, action: "resolve", note: "زباله‌ها جمع‌آوری شد." });
    expect(done.status).toBe("resolved");
    expect(await failure(unit.request.transition({ id: r.id, action: "start" }))).toMatchObject({ code: "CONFLICT", messageKey: "errors.request.cannot.start" });
    const outbox = await withTenant(api.db, tehranId, (tx) => listOutbox(tx, { tenantId: tehranId }));
    expect(outbox.some((o) => o.topic === "sms.request_resolved" && (o.payload as { requestId: string }).requestId === r.id)).toBe(true);
  });

  it("a reopened message gets a fresh deadline; a wrongly routed one goes back to HQ and is referred again", async () => {
    api.setNow(new Date("2026-11-22T12:00:00+03:30"));
    const r = await op.request.create(garbage());
    const sup = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    await sup.request.transition({ id: r.id, action: "resolve", note: "انجام شد" });
    api.setNow(new Date("2026-11-24T09:00:00+03:30"));
    const reopened = await op.request.transition({ id: r.id, action: "reopen", note: "هنوز جمع نشده" });
    expect(reopened.deadline!.toISOString()).toBe(new Date("2026-11-25T09:00:00+03:30").toISOString());
    const unit = api.caller(await api.signIn("tehran", "tehran.unitstaff"));
    const back = await unit.request.transition({ id: r.id, action: "return_to_hq", note: "مربوط به ناحیهٔ دیگر است" });
    expect(back).toMatchObject({ status: "registered", unitId: ids.get("HQ") });
    const again = await op.request.transition({ id: r.id, action: "refer", unitId: ids.get("R05-OFFICE") });
    expect(again).toMatchObject({ status: "referred", unitId: ids.get("R05-OFFICE") });
    expect((await op.request.get({ id: r.id })).timeline.map((e) => e.type)).toEqual(["registered", "referred", "resolve", "reopen", "return_to_hq", "refer"]);
  });

  it("corruption reports are seen and handled only by inspectors", async () => {
    const r = await op.request.create(garbage({ kind: "corruption_report", categoryId: ids.get("corruption"), attributes: {}, lat: null, lon: null }));
    expect(r.unitId).toBe(ids.get("INSPECTION"));
    expect(await failure(op.request.get({ id: r.id }))).toMatchObject({ code: "NOT_FOUND" });
    const manager = api.caller(await api.signIn("tehran", "tehran.manager"));
    expect((await manager.request.list({ queue: "all" })).some((x) => x.id === r.id)).toBe(false);
    const inspector = api.caller(await api.signIn("tehran", "tehran.inspector"));
    expect((await inspector.request.get({ id: r.id })).kind).toBe("corruption_report");
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const views = (await admin.audit.list({ limit: 200 })).filter((e) => e.action === "request.viewed_confidential" && e.targetId === r.id);
    expect(views).toHaveLength(1);
    await inspector.request.transition({ id: r.id, action: "refer", unitId: ids.get("INSPECTION") });
  });

  it("another city's staff get NOT_FOUND for the message and change nothing", async () => {
    const r = await op.request.create(garbage());
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await failure(shiraz.request.get({ id: r.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shiraz.request.get({ trackingCode: r.trackingCode }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shiraz.request.transition({ id: r.id, action: "reject", note: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await op.request.get({ id: r.id })).status).toBe("referred");
  });
});

describe("search and queues", () => {
  it("finds messages by words whatever the Arabic/Persian letters and digits, by tracking code and by mobile", async () => {
    const r = await op.request.create(garbage({ description: "چراغ خيابان پلاك ۱۲ خاموش است", citizen: { name: null, mobile: "09351112233", nationalId: null } }));
    const other = await op.request.create(garbage({ description: "جوی آب گرفته است" }));
    const found = await op.request.list({ q: "خیابان پلاک 12", openOnly: false });
    expect(found.map((x) => x.id)).toContain(r.id);
    expect(found.map((x) => x.id)).not.toContain(other.id);
    expect((await op.request.list({ q: "خيابان ناموجود" })).map((x) => x.id)).not.toContain(r.id);
    expect((await op.request.list({ trackingCode: r.trackingCode, openOnly: false })).map((x) => x.id)).toEqual([r.id]);
    expect((await op.request.list({ mobile: "+98 935 111 2233", openOnly: false })).map((x) => x.id)).toEqual([r.id]);
    // A search in another city finds nothing of Tehran's, though the same words match there.
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect((await shiraz.request.list({ q: "خیابان پلاک", openOnly: false })).map((x) => x.id)).not.toContain(r.id);
  });

  it("matches words by their beginning, through punctuation and the zero-width non-joiner", async () => {
    const r = await op.request.create(garbage({ description: "زباله‌های «کوچهٔ نسترن»، سه روز مانده است" }));
    for (const q of ["زباله کوچه", "زباله‌ها نسترن", "«نسترن»", "روز، مانده"]) {
      expect((await op.request.list({ q, openOnly: false })).map((x) => x.id), q).toContain(r.id);
    }
    // A piece from the middle of a word is not a word of the description.
    expect((await op.request.list({ q: "سترن", openOnly: false })).map((x) => x.id)).not.toContain(r.id);
  });

  it("filters by a Tehran date range, status and category", async () => {
    api.setNow(new Date("2026-11-24T23:50:00+03:30"));
    const late = await op.request.create(garbage({ description: "پیام دیرهنگام سه‌شنبه" }));
    api.setNow(new Date("2026-11-25T00:10:00+03:30"));
    const early = await op.request.create(garbage({ description: "پیام بامدادی چهارشنبه" }));
    const tuesday = await op.request.list({ from: "2026-11-24", to: "2026-11-24", openOnly: false, limit: 200 });
    expect(tuesday.map((x) => x.id)).toContain(late.id);
    expect(tuesday.map((x) => x.id)).not.toContain(early.id);
    const byCategory = await op.request.list({ categoryId: ids.get("roads.flooding"), openOnly: false, limit: 200 });
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.every((x) => x.categoryId === ids.get("roads.flooding"))).toBe(true);
    expect(await failure(op.request.list({ from: "1405-09-03" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("unit staff see only their units' work even in search; breaches list what is past its deadline", async () => {
    api.setNow(new Date("2026-11-22T10:00:00+03:30"));
    const mine = await op.request.create(garbage({ description: "پسماند محله یک" }));
    const elsewhere = await op.request.create(garbage({ description: "پسماند محله دور", lat: null, lon: null, districtId: null }));
    const staff = api.caller(await api.signIn("tehran", "tehran.unitstaff"));
    const seen = (await staff.request.list({ q: "پسماند محله", queue: "all" })).map((x) => x.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(elsewhere.id);
    api.setNow(new Date("2026-11-24T10:00:00+03:30"));
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    const breaches = await supervisor.request.list({ queue: "breaches", limit: 200 });
    expect(breaches.map((x) => x.id)).toContain(mine.id);
    expect(breaches.every((x) => x.deadline !== null && x.deadline < new Date("2026-11-24T10:00:00+03:30"))).toBe(true);
    const load = await supervisor.request.load();
    const office = load.units.find((l) => l.unitId === ids.get("R01-D01-OFFICE"))!;
    expect(office.overdue).toBeGreaterThan(0);
    expect(office.open).toBeGreaterThanOrEqual(office.overdue + office.dueSoon);
  });

  it("counts today's messages per shift in Tehran time", async () => {
    api.setNow(new Date("2026-12-01T05:59:00+03:30"));
    await op.request.create(garbage());
    api.setNow(new Date("2026-12-01T06:00:00+03:30"));
    await op.request.create(garbage());
    api.setNow(new Date("2026-12-01T21:59:00+03:30"));
    await op.request.create(garbage());
    await op.request.create(garbage());
    api.setNow(new Date("2026-12-01T23:30:00+03:30"));
    expect(await op.request.shiftCounts()).toEqual({ morning: 1, noon: 2, night: 1 });
    api.setNow(new Date("2026-12-02T08:00:00+03:30"));
    expect(await op.request.shiftCounts()).toEqual({ morning: 0, noon: 0, night: 0 });
  });
});
