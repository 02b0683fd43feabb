import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../../test-utils";

let api: TestApi;
const ids = new Map<string, string>();
let key = 0;
const k = () => `routing-events-${Date.now()}-${++key}`;

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(new Date("2026-11-22T10:00:00+03:30"));
  const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  for (const c of await admin.category.list()) ids.set(c.code, c.id);
  for (const u of await admin.unit.list()) ids.set(u.code, u.id);
});
afterAll(() => api?.close());

describe("the supervisor's week of escalations and re-referrals", () => {
  it("lists a re-referral and a return to HQ with who did it and why, newest first; another city sees none of it", async () => {
    const op = api.caller(await api.signIn("tehran", "tehran.operator"));
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    const r = await op.request.create({ idempotencyKey: k(), kind: "complaint", categoryId: ids.get("waste.collection")!, channel: "phone", description: "نخالهٔ ساختمانی رها شده", attributes: { waste_type: "household" }, lat: 35.82, lon: 51.101 });
    api.setNow(new Date("2026-11-22T11:00:00+03:30"));
    await supervisor.request.transition({ id: r.id, action: "refer", unitId: ids.get("WASTE")!, note: "کار سازمان پسماند است" });
    api.setNow(new Date("2026-11-22T12:00:00+03:30"));
    await supervisor.request.transition({ id: r.id, action: "return_to_hq", note: "نشانی ناقص است" });

    const events = (await supervisor.request.routingEvents({ days: 7 })).filter((e) => e.trackingCode === r.trackingCode);
    expect(events.map((e) => [e.type, e.unitId, e.note])).toEqual([
      ["return_to_hq", ids.get("HQ"), "نشانی ناقص است"],
      ["refer", ids.get("WASTE"), "کار سازمان پسماند است"],
    ]);
    expect(events[0]!.actorName).toBeTruthy();
    // The automatic referral at registration is routing, not a re-referral.
    expect(events.some((e) => e.type === "referred")).toBe(false);

    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.supervisor"));
    expect((await shiraz.request.routingEvents({ days: 7 })).some((e) => e.trackingCode === r.trackingCode)).toBe(false);
    // A week later it has left the window.
    api.setNow(new Date("2026-11-30T12:00:00+03:30"));
    expect((await supervisor.request.routingEvents({ days: 7 })).some((e) => e.trackingCode === r.trackingCode)).toBe(false);
    expect((await supervisor.request.routingEvents({ days: 14 })).some((e) => e.trackingCode === r.trackingCode)).toBe(true);
  });
});
