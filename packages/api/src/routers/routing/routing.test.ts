import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let admin: ReturnType<TestApi["caller"]>;
const codeOf = new Map<string, string>();
const unitIdOf = new Map<string, string>();

beforeAll(async () => {
  api = await createTestApi();
  admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  for (const c of await admin.category.list()) codeOf.set(c.code, c.id);
  for (const u of await admin.unit.list()) unitIdOf.set(u.code, u.id);
});
afterAll(() => api?.close());

// Tehran's demo region 1 covers the north-west of the city box; its district 1 the far west.
const REGION1_DISTRICT1 = { lat: 35.82, lon: 51.101 };

describe("routing simulator on Tehran's published tree", () => {
  it("sends garbage collection to the district's own office, with the category's SLA", async () => {
    const r = await admin.routing.simulate({ categoryId: codeOf.get("waste.collection")!, kind: "complaint", channel: "phone", ...REGION1_DISTRICT1, at: "2026-11-22T10:00:00+03:30" });
    expect(r.located).not.toBeNull();
    expect(r.decision).toMatchObject({ ruleId: "waste", unitId: unitIdOf.get("R01-D01-OFFICE"), priority: "normal", slaMinutes: 480 });
    expect(r.trace.at(-1)).toMatchObject({ ruleId: "waste", matched: true });
    expect(r.trace.find((t) => t.ruleId === "waste-night")).toMatchObject({ matched: false, failed: ["shifts"] });
  });
  it("sends the same complaint at night to HQ, and flooding to HQ as urgent", async () => {
    const night = await admin.routing.simulate({ categoryId: codeOf.get("waste.collection")!, kind: "complaint", channel: "web", ...REGION1_DISTRICT1, at: "2026-11-22T23:30:00+03:30" });
    expect(night.decision).toMatchObject({ ruleId: "waste-night", unitId: unitIdOf.get("HQ") });
    const flood = await admin.routing.simulate({ categoryId: codeOf.get("roads.flooding")!, kind: "request", channel: "phone" });
    expect(flood.decision).toMatchObject({ ruleId: "flooding", unitId: unitIdOf.get("HQ"), priority: "urgent", slaMinutes: 120 });
  });
  it("routes a corruption report to inspection whatever its category", async () => {
    const r = await admin.routing.simulate({ categoryId: codeOf.get("corruption")!, kind: "corruption_report", channel: "web" });
    expect(r.decision).toMatchObject({ ruleId: "corruption", unitId: unitIdOf.get("INSPECTION") });
  });
  it("says when the district office cannot be found because the point is outside the city", async () => {
    const r = await admin.routing.simulate({ categoryId: codeOf.get("waste.collection")!, kind: "complaint", channel: "phone", lat: 29.6, lon: 52.5, at: "2026-11-22T10:00:00+03:30" });
    expect(r.located).toBeNull();
    expect(r.decision).toMatchObject({ ruleId: "waste", unitId: null, unresolved: { type: "district_office" } });
  });
});

describe("draft, publish, restore", () => {
  it("refuses a draft that assigns a unit of another city, naming the rule", async () => {
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    const shirazHq = (await shirazAdmin.unit.list()).find((u) => u.code === "HQ")!.id;
    const bad = await failure(
      admin.routing.saveDraft({ tree: { rules: [{ id: "x", name: "به ستاد شیراز", when: {}, then: { assign: { type: "unit", unitId: shirazHq } } }], fallback: { assign: { type: "district_office" } } } }),
    );
    expect(bad).toMatchObject({ code: "BAD_REQUEST", messageKey: "errors.routing.invalidTree", fieldErrors: { "rules.0.then.assign.unitId": "errors.routing.inactiveUnit" } });
  });
  it("publishes a draft as the next version, archives the old one, and restores it as a new draft", async () => {
    const before = await admin.routing.get();
    const tree = structuredClone(before.published!.tree);
    tree.rules.unshift({ id: "bus", name: "اتوبوس به ستاد", when: { categoryIds: [codeOf.get("transit.bus")!] }, then: { assign: { type: "unit", unitId: unitIdOf.get("HQ")! } } });
    await admin.routing.saveDraft({ tree, note: "اتوبوس" });
    const sim = await admin.routing.simulate({ version: "draft", categoryId: codeOf.get("transit.bus")!, kind: "complaint", channel: "qr" });
    expect(sim.decision.ruleId).toBe("bus");
    expect((await admin.routing.simulate({ categoryId: codeOf.get("transit.bus")!, kind: "complaint", channel: "qr" })).decision.ruleId).toBe("transit");

    const live = await admin.routing.publish();
    expect(live.number).toBe(2);
    const after = await admin.routing.get();
    expect(after.draft).toBeNull();
    expect(after.versions.map((v) => [v.number, v.status])).toEqual([[2, "published"], [1, "archived"]]);

    const restored = await admin.routing.restore({ versionId: before.published!.id });
    expect(restored).toMatchObject({ number: 3, status: "draft" });
    await admin.routing.publish();
    expect((await admin.routing.simulate({ categoryId: codeOf.get("transit.bus")!, kind: "complaint", channel: "qr" })).decision.ruleId).toBe("transit");
    const audit = (await admin.audit.list({ limit: 50 })).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(["config.routing_draft_saved", "config.routing_published", "config.routing_restored"]));
  });
  it("publishing with no draft says so", async () => {
    expect(await failure(admin.routing.publish())).toMatchObject({ code: "NOT_FOUND", messageKey: "errors.routing.noDraft" });
  });
});

describe("replaying a draft over real messages", () => {
  it("counts the messages the draft would send elsewhere, per pair of units, with examples", async () => {
    const op = api.caller(await api.signIn("tehran", "tehran.operator"));
    api.setNow(new Date("2026-11-22T10:00:00+03:30"));
    const base = { kind: "complaint" as const, channel: "phone" as const, description: "زباله جمع نشده", ...REGION1_DISTRICT1 };
    for (let i = 0; i < 3; i++) {
      await op.request.create({ ...base, idempotencyKey: `replay-waste-${i}`, categoryId: codeOf.get("waste.collection")!, attributes: { waste_type: "household" } });
    }
    await op.request.create({ ...base, idempotencyKey: "replay-flood", kind: "request", categoryId: codeOf.get("roads.flooding")!, attributes: {} });
    const { published } = await admin.routing.get();
    // The draft sends all waste to the waste management organisation; everything else as before.
    const tree = structuredClone(published!.tree);
    const waste = tree.rules.find((r) => r.id === "waste")!;
    waste.then = { assign: { type: "unit", unitId: unitIdOf.get("WASTE")! } };
    tree.rules = tree.rules.filter((r) => r.id !== "waste-night");
    await admin.routing.saveDraft({ tree });
    const replay = await admin.routing.replay({ limit: 4 });
    expect(replay).toMatchObject({ replayed: 4, changed: 3 });
    expect(replay.moves).toEqual([{ fromUnitId: unitIdOf.get("R01-D01-OFFICE"), toUnitId: unitIdOf.get("WASTE"), count: 3 }]);
    expect(replay.samples).toHaveLength(3);
    // Another city's replay never sees Tehran's messages.
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await failure(shiraz.routing.replay({ limit: 10 }))).toMatchObject({ code: "NOT_FOUND", messageKey: "errors.routing.noDraft" });
    expect(await failure(admin.routing.replay({ limit: 0 }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { limit: "validation.invalid" } });
  });
});
