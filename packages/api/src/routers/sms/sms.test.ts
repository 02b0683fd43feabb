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
});
