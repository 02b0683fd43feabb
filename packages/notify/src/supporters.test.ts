import { enqueueOutbox, listActiveTenants, listSmsMessages, withoutTenant, withTenant } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { relayOutbox } from "@city137/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devSmsProvider } from "./dev-provider";
import { smsDispatcher } from "./dispatcher";

let t: TestDb;
let tehran: string;
beforeAll(async () => {
  t = await createTestDb();
  tehran = (await withoutTenant(t.db, (tx) => listActiveTenants(tx))).find((c) => c.slug === "tehran")!.id;
});
afterAll(() => t.close());

describe("a caller added to an open message («من هم»)", () => {
  it("is texted the message's tracking code, once", async () => {
    const payload = { requestId: null, trackingCode: "1405123457", mobile: "09120000002" };
    for (let i = 0; i < 2; i++) {
      await withTenant(t.db, tehran, (tx) => enqueueOutbox(tx, { tenantId: tehran, topic: "sms.request_supported", dedupeKey: "sms:supported:s1", payload }));
    }
    const dispatcher = smsDispatcher({ provider: devSmsProvider(), portalUrl: "https://portal.example/" });
    expect(await relayOutbox(t.db, { tenantId: tehran, dispatcher, now: new Date(Date.now() + 3_600_000) })).toEqual({ sent: 1, failed: 0, dead: 0 });
    const sms = await withTenant(t.db, tehran, (tx) => listSmsMessages(tx, { tenantId: tehran }));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: "09120000002", event: "request_supported", status: "sent" });
    expect(sms[0]!.body).toContain("1405123457");
    expect(sms[0]!.body).toContain("افزوده شد");
  });
});
