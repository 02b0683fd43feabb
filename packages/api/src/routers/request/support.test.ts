import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutbox, withTenant } from "@city137/db";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let op: ReturnType<TestApi["caller"]>;
let supervisor: ReturnType<TestApi["caller"]>;
let tehranId: string;
const ids = new Map<string, string>();
let key = 0;
const k = () => `support-key-${Date.now()}-${++key}`;

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(new Date("2026-11-22T10:00:00+03:30"));
  op = api.caller(await api.signIn("tehran", "tehran.operator"));
  supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
  const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  for (const c of await admin.category.list()) ids.set(c.code, c.id);
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
});
afterAll(() => api?.close());

const garbage = (mobile: string) => ({
  idempotencyKey: k(),
  kind: "complaint" as const,
  categoryId: ids.get("waste.collection")!,
  channel: "phone" as const,
  description: "سطل زباله سر کوچه پر شده و بو می‌دهد",
  attributes: { waste_type: "household" },
  lat: 35.82,
  lon: 51.101,
  citizen: { name: "شهروند", mobile, nationalId: null },
});
const outboxFor = async (requestId: string) =>
  (await withTenant(api.db, tehranId, (tx) => listOutbox(tx, { tenantId: tehranId }))).filter((o) => (o.payload as { requestId: string }).requestId === requestId);

describe("a second caller with the same problem («من هم»)", () => {
  it("joins the open message once, hears its tracking code, and is told the answer with the first citizen", async () => {
    const first = await op.request.create(garbage("09120000001"));
    const input = { idempotencyKey: k(), requestId: first.id, channel: "phone" as const, note: "همسایهٔ روبه‌رو هم همین را می‌گوید", citizen: { name: "مریم احمدی", mobile: "۰۹۱۲۰۰۰۰۰۰۲" } };
    const joined = await op.request.support(input);
    expect(joined).toMatchObject({ requestId: first.id, trackingCode: first.trackingCode, added: true });
    // A retried submit, and the same mobile under another key, add nobody.
    expect(await op.request.support(input)).toMatchObject({ trackingCode: first.trackingCode, added: false });
    expect(await op.request.support({ ...input, idempotencyKey: k() })).toMatchObject({ added: false });

    const full = await op.request.get({ id: first.id });
    expect(full.supporters).toHaveLength(1);
    expect(full.supporters[0]).toMatchObject({ name: "مریم احمدی", mobile: "09120000002", channel: "phone", mergedTrackingCode: null });
    expect(full.timeline.filter((e) => e.type === "supported")).toHaveLength(1);
    expect(full.timeline.find((e) => e.type === "supported")?.note).toBe("همسایهٔ روبه‌رو هم همین را می‌گوید");
    expect((await outboxFor(first.id)).filter((o) => o.topic === "sms.request_supported").map((o) => (o.payload as { mobile: string }).mobile)).toEqual(["09120000002"]);

    await supervisor.request.transition({ id: first.id, action: "resolve", note: "مخزن تخلیه و شست‌وشو شد." });
    const told = (await outboxFor(first.id)).filter((o) => o.topic === "sms.request_resolved").map((o) => (o.payload as { mobile: string }).mobile);
    expect(told.sort()).toEqual(["09120000001", "09120000002"]);
  });

  it("cannot join a message that is no longer open, and a key reused for another message is refused", async () => {
    const a = await op.request.create(garbage("09120000011"));
    const b = await op.request.create(garbage("09120000012"));
    const input = { idempotencyKey: k(), requestId: a.id, channel: "phone" as const, note: null, citizen: { name: null, mobile: "09120000013" } };
    await op.request.support(input);
    expect(await failure(op.request.support({ ...input, requestId: b.id }))).toMatchObject({ code: "CONFLICT", fieldErrors: { idempotencyKey: "errors.request.idempotencyMismatch" } });
    await supervisor.request.transition({ id: b.id, action: "reject", note: "خارج از محدودهٔ خدمات" });
    expect(await failure(op.request.support({ ...input, idempotencyKey: k(), requestId: b.id }))).toMatchObject({ code: "CONFLICT", fieldErrors: { requestId: "errors.request.supportClosed" } });
    expect(await failure(op.request.support({ ...input, idempotencyKey: k(), citizen: { name: null, mobile: "12345" } }))).toMatchObject({ fieldErrors: { "citizen.mobile": "validation.mobile" } });
  });

  it("merging a duplicate makes its citizen (and its own supporters) supporters of the original", async () => {
    const original = await op.request.create(garbage("09120000021"));
    const dup = await op.request.create(garbage("09120000022"));
    await op.request.support({ idempotencyKey: k(), requestId: dup.id, channel: "phone", note: null, citizen: { name: "سوم", mobile: "09120000023" } });
    await supervisor.request.transition({ id: dup.id, action: "mark_duplicate", duplicateOf: original.id, note: "همان سطل زباله" });

    const full = await op.request.get({ id: original.id });
    expect(full.supporters.map((s) => [s.mobile, s.mergedTrackingCode]).sort()).toEqual([
      ["09120000022", dup.trackingCode],
      ["09120000023", dup.trackingCode],
    ]);
    expect(full.timeline.find((e) => e.type === "merged")?.data).toMatchObject({ from: dup.trackingCode });
    await supervisor.request.transition({ id: original.id, action: "resolve", note: "جمع‌آوری شد." });
    const told = (await outboxFor(original.id)).filter((o) => o.topic === "sms.request_resolved").map((o) => (o.payload as { mobile: string }).mobile);
    expect(told.sort()).toEqual(["09120000021", "09120000022", "09120000023"]);
  });

  it("another city's staff cannot join Tehran's message", async () => {
    const tehran = await op.request.create(garbage("09120000031"));
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.operator"));
    expect(await failure(shiraz.request.support({ idempotencyKey: k(), requestId: tehran.id, channel: "phone", note: null, citizen: { name: null, mobile: "09120000032" } }))).toMatchObject({ code: "NOT_FOUND" });
    // Positive control: the same call from Tehran works.
    expect(await op.request.support({ idempotencyKey: k(), requestId: tehran.id, channel: "phone", note: null, citizen: { name: null, mobile: "09120000032" } })).toMatchObject({ added: true });
    expect((await op.request.get({ id: tehran.id })).supporters).toHaveLength(1);
  });
});
