import { enqueueOutbox, listOutbox, markOutboxFailed, recordSms, withTenant } from "@city137/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let tehran: string;
let shiraz: string;
const cityOf = async (token: string) => ((await api.caller(token).auth.me()) as { city: { id: string } }).city.id;

beforeAll(async () => {
  api = await createTestApi();
  tehran = await cityOf(await api.signIn("tehran", "tehran.admin"));
  shiraz = await cityOf(await api.signIn("shiraz", "shiraz.admin"));
});
afterAll(() => api?.close());

describe("the SMS page's data", () => {
  it("lists a city's own SMS and dead letters only", async () => {
    for (const [tenantId, to] of [[tehran, "09121111111"], [shiraz, "09172222222"]] as const) {
      await withTenant(api.db, tenantId, async (tx) => {
        await recordSms(tx, { tenantId, dedupeKey: `k-${to}`, event: "request_registered", to, body: `کد ${to}`, locale: "fa", provider: "dev", status: "sent", deliveryStatus: "delivered" });
        await enqueueOutbox(tx, { tenantId, topic: "sms.request_registered", dedupeKey: `dead-${to}`, payload: { mobile: to, trackingCode: "100000000" } });
        const row = (await listOutbox(tx, { tenantId })).find((o) => o.dedupeKey === `dead-${to}`);
        for (let i = 0; i < 8; i++) await markOutboxFailed(tx, { tenantId, id: row!.id, error: "provider down" });
      });
    }
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    const list = await supervisor.sms.list({});
    expect(list.messages.map((m) => m.to)).toEqual(["09121111111"]);
    expect(list.dead.map((d) => [d.mobile, d.attempts, d.lastError])).toEqual([["09121111111", 8, "provider down"]]);
    expect((await supervisor.sms.list({ to: "0912 111 1111" })).messages).toHaveLength(1);
    expect((await supervisor.sms.list({ to: "09172222222" })).messages).toHaveLength(0);
    // control: Shiraz sees its own
    expect((await api.caller(await api.signIn("shiraz", "shiraz.admin")).sms.list({})).messages.map((m) => m.to)).toEqual(["09172222222"]);
  });

  it("keeps a city's own wording, refuses an unknown placeholder at the field, and an empty text restores the default", async () => {
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    expect(await failure(admin.sms.setTemplate({ event: "request_supported", locale: "fa", body: "{{city}}: {{kode}}" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { body: "portal.errors.unknownPlaceholder" },
      params: { name: "kode" },
    });
    await admin.sms.setTemplate({ event: "request_supported", locale: "fa", body: "{{city}}: شما هم گزارش دادید، {{code}}" });
    const mine = (await admin.sms.templates()).find((t) => t.event === "request_supported" && t.locale === "fa")!;
    expect(mine).toMatchObject({ custom: true, body: "{{city}}: شما هم گزارش دادید، {{code}}" });
    // Shiraz keeps the default
    const theirs = (await api.caller(await api.signIn("shiraz", "shiraz.admin")).sms.templates()).find((t) => t.event === "request_supported" && t.locale === "fa")!;
    expect(theirs.custom).toBe(false);
    await admin.sms.setTemplate({ event: "request_supported", locale: "fa", body: "" });
    expect((await admin.sms.templates()).find((t) => t.event === "request_supported" && t.locale === "fa")!.custom).toBe(false);
    // a supervisor reads but may not change the wording
    expect(await failure(api.caller(await api.signIn("tehran", "tehran.supervisor")).sms.setTemplate({ event: "otp", locale: "en", body: "x" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("resends a dead letter once, audited, in its own city only; a second click changes nothing", async () => {
    const dead = async (tenantId: string, key: string) =>
      withTenant(api.db, tenantId, async (tx) => {
        await enqueueOutbox(tx, { tenantId, topic: "sms.request_resolved", dedupeKey: key, payload: { mobile: "09121119999", trackingCode: "100000001" } });
        const row = (await listOutbox(tx, { tenantId })).find((o) => o.dedupeKey === key)!;
        for (let i = 0; i < 8; i++) await markOutboxFailed(tx, { tenantId, id: row.id, error: "provider down" });
        return row.id;
      });
    const id = await dead(tehran, "resend-tehran");
    const rowOf = () => withTenant(api.db, tehran, async (tx) => (await listOutbox(tx, { tenantId: tehran })).find((o) => o.id === id)!);
    // Shiraz's staff cannot reach Tehran's row: not found, and it stays dead
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await failure(shirazAdmin.sms.resend({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await rowOf()).attempts).toBe(8);
    // control: Shiraz resends its own
    const shirazDead = await dead(shiraz, "resend-shiraz");
    expect(await shirazAdmin.sms.resend({ id: shirazDead })).toMatchObject({ requeued: true });

    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    expect((await supervisor.sms.list({})).dead.map((d) => d.id)).toContain(id);
    expect(await supervisor.sms.resend({ id })).toMatchObject({ id, requeued: true, state: "queued" });
    const queued = await rowOf();
    expect(queued).toMatchObject({ attempts: 0, lastError: null, sentAt: null });
    expect((await supervisor.sms.list({})).dead.map((d) => d.id)).not.toContain(id);
    // a double click: nothing changes, nothing more is audited
    expect(await supervisor.sms.resend({ id })).toMatchObject({ requeued: false, state: "queued" });
    expect((await rowOf()).createdAt).toEqual(queued.createdAt);
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const audited = (await admin.audit.list({ limit: 50 })).filter((e) => e.action === "sms.dead_letter_resent");
    expect(audited.map((e) => e.targetId)).toEqual([id]);
    // an operator may not
    expect(await failure(api.caller(await api.signIn("tehran", "tehran.operator")).sms.resend({ id }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
