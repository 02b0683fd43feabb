import { trackingCode } from "@city137/core";
import { enqueueOutbox, insertRequest, listCategories, nextCounter, listActiveTenants, listDeadOutbox, listSmsMessages, requeueDeadOutbox, setSmsTemplate, withoutTenant, withTenant, type Database } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { relayOutbox } from "@city137/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devSmsProvider } from "./dev-provider";
import { refreshDeliveries } from "./delivery";
import { smsDispatcher } from "./dispatcher";
import type { SmsProvider } from "./provider";

let t: TestDb;
let tehran: string;
let shiraz: string;
const later = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  t = await createTestDb();
  const cities = await withoutTenant(t.db, (tx) => listActiveTenants(tx));
  tehran = cities.find((c) => c.slug === "tehran")!.id;
  shiraz = cities.find((c) => c.slug === "shiraz")!.id;
});
afterAll(() => t.close());

const enqueue = (db: Database, tenantId: string, topic: string, dedupeKey: string, payload: object) =>
  withTenant(db, tenantId, (tx) => enqueueOutbox(tx, { tenantId, topic, dedupeKey, payload }));
const addRequest = (tenantId: string) =>
  withTenant(t.db, tenantId, async (tx) => {
    const category = (await listCategories(tx, { tenantId }))[0]!;
    const seq = await nextCounter(tx, { tenantId, name: "tracking" });
    const values = { kind: "complaint" as const, categoryId: category.id, channel: "web" as const, description: "آزمون", searchText: "آزمون", priority: "normal" as const, status: "resolved" as const };
    return (await insertRequest(tx, { tenantId, seq, trackingCode: trackingCode(tenantId, seq), values })).id;
  });
const inbox = (tenantId: string) => withTenant(t.db, tenantId, (tx) => listSmsMessages(tx, { tenantId }));

describe("SMS through the outbox", () => {
  it("sends the registration SMS in the city's language with a signed tracking link, and records it as delivered", async () => {
    await enqueue(t.db, tehran, "sms.request_registered", "sms:registered:a", { requestId: null, trackingCode: "1405123456", mobile: "09121234567" });
    const dispatcher = smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://portal.example/" });
    expect(await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: later() })).toEqual({ sent: 1, failed: 0, dead: 0 });
    const [sms] = await inbox(tehran);
    expect(sms).toMatchObject({ to: "09121234567", event: "request_registered", locale: "fa", provider: "dev", status: "sent", deliveryStatus: "delivered" });
    expect(sms!.body).toContain("1405123456");
    expect(sms!.body).toContain("تهران");
    // No message id, no signed link; the other city's inbox stays empty.
    expect(await inbox(shiraz)).toEqual([]);
  });

  it("links the resolution SMS to the feedback page and carries the answer; a city's own template wins", async () => {
    const requestId = await addRequest(tehran);
    const payload = { requestId, trackingCode: "1405000001", mobile: "09351112233", note: "چاله پر شد." };
    await enqueue(t.db, tehran, "sms.request_resolved", "sms:resolved:b", payload);
    await withTenant(t.db, shiraz, (tx) => setSmsTemplate(tx, { tenantId: shiraz, event: "request_resolved", locale: "fa", body: "شیراز: {{code}} انجام شد. {{note}} {{link}}", by: null }));
    await enqueue(t.db, shiraz, "sms.request_resolved", "sms:resolved:c", { ...payload, requestId: null });
    const dispatcher = smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://portal.example" });
    await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: later() });
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher, now: later() });
    const teh = (await inbox(tehran)).find((s) => s.dedupeKey === "sms:resolved:b")!;
    expect(teh.body).toContain("چاله پر شد.");
    expect(teh.body).toMatch(/https:\/\/portal\.example\/p\/tehran\/f\/1405000001\?s=[\w-]{22}/);
    const shi = (await inbox(shiraz)).find((s) => s.dedupeKey === "sms:resolved:c")!;
    expect(shi.body).toBe("شیراز: 1405000001 انجام شد. چاله پر شد.");
  });

  it("words the SMS in the citizen's language when the outbox row carries it, the city's own wording in that language winning", async () => {
    await enqueue(t.db, tehran, "sms.request_registered", "sms:registered:lang-en", { trackingCode: "1405000010", mobile: "09121230000", locale: "en" });
    await enqueue(t.db, tehran, "sms.otp", "sms:otp:lang-none", { mobile: "09121230001", otp: "123456" });
    await withTenant(t.db, shiraz, (tx) => setSmsTemplate(tx, { tenantId: shiraz, event: "request_registered", locale: "en", body: "Shiraz 137: code {{code}}", by: null }));
    await enqueue(t.db, shiraz, "sms.request_registered", "sms:registered:lang-en-own", { trackingCode: "1405000011", mobile: "09171230000", locale: "en" });
    const dispatcher = smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://portal.example" });
    await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: later() });
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher, now: later() });
    const en = (await inbox(tehran)).find((s) => s.dedupeKey === "sms:registered:lang-en")!;
    expect(en).toMatchObject({ locale: "en" });
    expect(en.body).toContain("Tehran: your message is registered. Tracking code: 1405000010");
    // control: without a language, the city's default (Persian for Tehran)
    const fa = (await inbox(tehran)).find((s) => s.dedupeKey === "sms:otp:lang-none")!;
    expect(fa.locale).toBe("fa");
    expect(fa.body).toContain("تهران");
    expect((await inbox(shiraz)).find((s) => s.dedupeKey === "sms:registered:lang-en-own")!.body).toBe("Shiraz 137: code 1405000011");
  });

  it("does not send twice when an outbox row runs again after a crash (dedupe per message and event)", async () => {
    let sends = 0;
    const counting: SmsProvider = { name: "dev", send: async () => ({ providerMessageId: `x${++sends}`, deliveryStatus: "pending" }) };
    await enqueue(t.db, tehran, "sms.request_rejected", "sms:rejected:d", { trackingCode: "1405000002", mobile: "09121234567", note: "تکراری" });
    const dispatcher = smsDispatcher({ provider: counting, portalUrl: "https://portal.example" });
    await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: later() });
    // The same notification handed over again (as after a crash before the outbox row was marked).
    await dispatcher.dispatch({ tenantId: tehran, id: "00000000-0000-4000-8000-000000000001", topic: "sms.request_rejected", dedupeKey: "sms:rejected:d", payload: { mobile: "09121234567" }, attempt: 2, tx: undefined }).catch(() => undefined);
    await withTenant(t.db, tehran, (tx) =>
      dispatcher.dispatch({ tenantId: tehran, id: "00000000-0000-4000-8000-000000000001", topic: "sms.request_rejected", dedupeKey: "sms:rejected:d", payload: { mobile: "09121234567" }, attempt: 2, tx }),
    );
    expect(sends).toBe(1);
    expect((await inbox(tehran)).filter((s) => s.dedupeKey === "sms:rejected:d")).toHaveLength(1);
  });

  it("records a refused SMS, retries it, and leaves a dead letter staff can list once attempts run out", async () => {
    const down: SmsProvider = { name: "kavenegar", send: async () => { throw new Error("kavenegar send: 418 credit"); } };
    await enqueue(t.db, tehran, "sms.request_registered", "sms:registered:e", { trackingCode: "1405000003", mobile: "09120000001" });
    const dispatcher = smsDispatcher({ provider: down, portalUrl: "https://portal.example" });
    const r = await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: later(), maxAttempts: 1 });
    expect(r).toEqual({ sent: 0, failed: 1, dead: 1 });
    const failed = (await inbox(tehran)).find((s) => s.dedupeKey === "sms:registered:e")!;
    expect(failed).toMatchObject({ status: "failed", error: "kavenegar send: 418 credit" });
    const dead = await withTenant(t.db, tehran, (tx) => listDeadOutbox(tx, { tenantId: tehran, maxAttempts: 1 }));
    expect(dead.map((d) => d.dedupeKey)).toContain("sms:registered:e");
    // A later success on the same key overwrites the failure: one row per notification.
    await withTenant(t.db, tehran, (tx) =>
      smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://p" }).dispatch({ tenantId: tehran, id: dead[0]!.id, topic: "sms.request_registered", dedupeKey: "sms:registered:e", payload: { trackingCode: "1405000003", mobile: "09120000001" }, attempt: 2, tx }),
    );
    expect((await inbox(tehran)).filter((s) => s.dedupeKey === "sms:registered:e").map((s) => s.status)).toEqual(["sent"]);
  });

  it("sends a resent dead letter once: the failure in the log becomes a sent, delivered SMS, and a second resend is refused", async () => {
    const down: SmsProvider = { name: "dev", send: async () => { throw new Error("line busy"); } };
    await enqueue(t.db, shiraz, "sms.request_forwarded", "sms:forwarded:resend", { trackingCode: "1405000020", mobile: "09170000020" });
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher: smsDispatcher({ provider: down, portalUrl: "https://p" }), now: later(), maxAttempts: 1 });
    const [dead] = (await withTenant(t.db, shiraz, (tx) => listDeadOutbox(tx, { tenantId: shiraz, maxAttempts: 1 }))).filter((d) => d.dedupeKey === "sms:forwarded:resend");
    expect((await inbox(shiraz)).find((s) => s.dedupeKey === "sms:forwarded:resend")).toMatchObject({ status: "failed", error: "line busy" });
    const now = later();
    expect(await withTenant(t.db, shiraz, (tx) => requeueDeadOutbox(tx, { tenantId: shiraz, id: dead!.id, maxAttempts: 1 }))).toMatchObject({ id: dead!.id });
    expect(await withTenant(t.db, shiraz, (tx) => requeueDeadOutbox(tx, { tenantId: shiraz, id: dead!.id, maxAttempts: 1 }))).toBeNull();
    let sends = 0;
    const counting: SmsProvider = { name: "dev", send: async () => ({ providerMessageId: `r${++sends}`, deliveryStatus: "delivered" }) };
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher: smsDispatcher({ provider: counting, portalUrl: "https://p" }), now });
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher: smsDispatcher({ provider: counting, portalUrl: "https://p" }), now });
    expect(sends).toBe(1);
    expect((await inbox(shiraz)).filter((s) => s.dedupeKey === "sms:forwarded:resend")).toEqual([expect.objectContaining({ status: "sent", deliveryStatus: "delivered", error: null })]);
    // once sent it is no dead letter to resend
    expect(await withTenant(t.db, shiraz, (tx) => requeueDeadOutbox(tx, { tenantId: shiraz, id: dead!.id, maxAttempts: 1 }))).toBeNull();
  });

  it("passes topics that are not SMS to the fallback", async () => {
    const seen: string[] = [];
    const dispatcher = smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://p", fallback: { dispatch: async (m) => void seen.push(m.topic) } });
    await enqueue(t.db, shiraz, "webhook.test", "w:1", {});
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher, now: later() });
    expect(seen).toEqual(["webhook.test"]);
  });

  it("records delivery reports for pending messages, in their own city only", async () => {
    const reports = new Map<string, "delivered" | "undelivered">();
    let next = 0;
    const provider: SmsProvider = {
      name: "kavenegar",
      send: async () => ({ providerMessageId: `kn-${++next}`, deliveryStatus: "pending" }),
      status: async (ids) => ids.map((id) => ({ providerMessageId: id, deliveryStatus: reports.get(id) ?? "pending" })),
    };
    const dispatcher = smsDispatcher({ provider, portalUrl: "https://p" });
    await enqueue(t.db, shiraz, "sms.request_registered", "sms:registered:f", { trackingCode: "1", mobile: "09170000001" });
    await enqueue(t.db, shiraz, "sms.request_registered", "sms:registered:g", { trackingCode: "2", mobile: "09170000002" });
    await relayOutbox(t.db, { tenantId: shiraz, dispatcher, now: later() });
    const rows = (await inbox(shiraz)).filter((s) => s.provider === "kavenegar");
    expect(rows.map((r) => r.deliveryStatus)).toEqual(["pending", "pending"]);
    const [a, b] = rows.map((r) => r.providerMessageId!);
    reports.set(a!, "delivered");
    reports.set(b!, "undelivered");
    // Tehran has none of these ids: nothing changes there.
    expect(await refreshDeliveries(t.db, { tenantId: tehran, provider, now: new Date() })).toBe(0);
    expect(await refreshDeliveries(t.db, { tenantId: shiraz, provider, now: new Date() })).toBe(2);
    const after = new Map((await inbox(shiraz)).map((r) => [r.providerMessageId, r]));
    expect(after.get(a!)).toMatchObject({ deliveryStatus: "delivered" });
    expect(after.get(a!)!.deliveredAt).toBeInstanceOf(Date);
    expect(after.get(b!)).toMatchObject({ deliveryStatus: "undelivered", deliveredAt: null });
  });
});
