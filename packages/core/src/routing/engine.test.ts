import { describe, expect, it } from "vitest";
import { compileTree, explainRoute, route } from "./engine";
import type { RoutingMessage, RoutingTree } from "./types";
import { validateRoutingTree } from "./validate";

// خدمات شهری › پسماند › جمع‌آوری زباله
const CAT = { urban: "c-urban", waste: "c-waste", garbage: "c-garbage", traffic: "c-traffic" };
const offices = {
  districtOffice: (id: string) => ({ "d-1-1": "u-d11" })[id] ?? null,
  regionOffice: (id: string) => ({ "r-1": "u-r1", "r-2": "u-r2" })[id] ?? null,
};

const tree: RoutingTree = {
  rules: [
    { id: "corruption", name: "گزارش فساد به بازرسی", when: { kinds: ["corruption_report"] }, then: { assign: { type: "unit", unitId: "u-inspection" } } },
    {
      id: "night-waste",
      name: "پسماند شبانه به ستاد",
      when: { categoryIds: [CAT.waste], shifts: ["night"] },
      then: { assign: { type: "unit", unitId: "u-hq" }, raisePriority: true, slaMinutes: 120 },
    },
    { id: "waste", name: "پسماند به سازمان", when: { categoryIds: [CAT.waste] }, then: { assign: { type: "unit", unitId: "u-waste" } } },
    { id: "flood", name: "آب‌گرفتگی فوری", when: { keywords: ["آبگرفتگی", "آب‌گرفتگی", "سیل"] }, then: { assign: { type: "unit", unitId: "u-hq" }, raisePriority: true } },
    { id: "region2-traffic", name: "ترافیک منطقهٔ ۲", when: { categoryIds: [CAT.traffic], regionIds: ["r-2"], channels: ["phone", "web"] }, then: { assign: { type: "region_office" } } },
  ],
  fallback: { assign: { type: "district_office" } },
};
const compiled = compileTree(tree);

const msg = (over: Partial<RoutingMessage> = {}): RoutingMessage => ({
  categoryPath: [CAT.urban, CAT.waste, CAT.garbage],
  kind: "complaint",
  regionId: "r-1",
  districtId: "d-1-1",
  channel: "phone",
  priority: "normal",
  at: new Date("2026-11-21T10:00:00+03:30"),
  text: "زباله‌ها جمع نشده",
  ...over,
});

describe("routing", () => {
  it("matches a sub-category through its parent and takes the first matching rule", () => {
    expect(route(compiled, msg(), offices)).toEqual({ ruleId: "waste", unitId: "u-waste", unresolved: null, priority: "normal", slaMinutes: null });
  });
  it("uses Tehran's shift: at 23:30 the night rule wins, raising priority and overriding the SLA", () => {
    const d = route(compiled, msg({ at: new Date("2026-11-21T23:30:00+03:30") }), offices);
    expect(d).toMatchObject({ ruleId: "night-waste", unitId: "u-hq", priority: "urgent", slaMinutes: 120 });
  });
  it("matches keywords regardless of Arabic letters, digits or the ZWNJ variant", () => {
    const d = route(compiled, msg({ categoryPath: [CAT.urban], text: "آبگرفتگي در كوچه" }), offices);
    expect(d.ruleId).toBe("flood");
  });
  it("assigns the region's office and, by default, the district's own office", () => {
    expect(route(compiled, msg({ categoryPath: [CAT.traffic], regionId: "r-2", districtId: null }), offices)).toMatchObject({ ruleId: "region2-traffic", unitId: "u-r2" });
    expect(route(compiled, msg({ categoryPath: [CAT.traffic], channel: "qr" }), offices)).toMatchObject({ ruleId: null, unitId: "u-d11" });
  });
  it("says so when an office rule cannot be resolved, instead of guessing", () => {
    const d = route(compiled, msg({ categoryPath: [CAT.traffic], districtId: null }), offices);
    expect(d).toMatchObject({ ruleId: null, unitId: null, unresolved: { type: "district_office" } });
  });
  it("explains why earlier rules did not match", () => {
    const { decision, trace } = explainRoute(compiled, msg({ categoryPath: [CAT.traffic], regionId: "r-2", channel: "web" }), offices);
    expect(decision.ruleId).toBe("region2-traffic");
    expect(trace.map((t) => [t.ruleId, t.matched, t.failed])).toEqual([
      ["corruption", false, ["kinds"]],
      ["night-waste", false, ["categoryIds", "shifts"]],
      ["waste", false, ["categoryIds"]],
      ["flood", false, ["keywords"]],
      ["region2-traffic", true, []],
    ]);
  });
  it("handles time windows that wrap past midnight and name weekdays", () => {
    const t = compileTree({
      rules: [{ id: "fri-night", name: "جمعه شب", when: { timeWindow: { from: "20:00", to: "02:00", days: [5] } }, then: { assign: { type: "unit", unitId: "u-hq" } } }],
      fallback: { assign: { type: "unit", unitId: "u-default" } },
    });
    expect(route(t, msg({ at: new Date("2026-11-27T21:00:00+03:30") }), offices).ruleId).toBe("fri-night"); // Friday 21:00
    expect(route(t, msg({ at: new Date("2026-11-26T21:00:00+03:30") }), offices).ruleId).toBeNull(); // Thursday
  });
});

describe("validating a tree before publishing", () => {
  const known = {
    activeUnitIds: new Set(["u-hq", "u-waste", "u-inspection"]),
    categoryIds: new Set(Object.values(CAT)),
    regionIds: new Set(["r-1", "r-2"]),
    districtIds: new Set(["d-1-1"]),
  };
  it("accepts the demo tree", () => {
    expect(validateRoutingTree(tree, known)).toEqual([]);
  });
  it("names each offending rule and field", () => {
    const bad: RoutingTree = {
      rules: [
        { id: "a", name: "", when: { categoryIds: ["nope"], timeWindow: { from: "25:00", to: "02:00" } }, then: { assign: { type: "unit", unitId: "u-gone" }, slaMinutes: 0 } },
        { id: "a", name: "dup", when: {}, then: { assign: { type: "district_office" } } },
      ],
      fallback: { assign: { type: "unit", unitId: "u-gone" } },
    };
    expect(validateRoutingTree(bad, known)).toEqual([
      { path: "rules.0.name", messageKey: "validation.required" },
      { path: "rules.0.when.categoryIds.0", messageKey: "errors.routing.unknownCategory" },
      { path: "rules.0.when.timeWindow", messageKey: "errors.routing.badTimeWindow" },
      { path: "rules.0.then.assign.unitId", messageKey: "errors.routing.inactiveUnit" },
      { path: "rules.0.then.slaMinutes", messageKey: "errors.routing.slaNotPositive" },
      { path: "rules.1.id", messageKey: "errors.routing.duplicateRule" },
      { path: "fallback.assign.unitId", messageKey: "errors.routing.inactiveUnit" },
    ]);
  });
});
