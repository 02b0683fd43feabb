import { describe, expect, it } from "vitest";
import { deadlineStage, dueNotices, noticeDedupeKey, noticeLevel, noticeTarget, sweepBounds, type EscalationUnit } from "./escalation";

const now = new Date("2026-11-22T10:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe("deadline stages", () => {
  it("reminds within two hours before the deadline, not earlier", () => {
    expect(deadlineStage(at(121), now)).toBe("none");
    expect(deadlineStage(at(120), now)).toBe("approaching");
    expect(deadlineStage(at(1), now)).toBe("approaching");
    expect(dueNotices(at(30), now)).toEqual(["reminder"]);
    expect(dueNotices(at(180), now)).toEqual([]);
  });

  it("escalates to level 1 once breached and adds level 2 after 24 hours", () => {
    expect(deadlineStage(at(0), now)).toBe("breached");
    expect(dueNotices(at(0), now)).toEqual(["escalation1"]);
    expect(dueNotices(at(-24 * 60), now)).toEqual(["escalation1"]);
    expect(deadlineStage(at(-24 * 60 - 1), now)).toBe("long_breached");
    expect(dueNotices(at(-3 * 24 * 60), now)).toEqual(["escalation1", "escalation2"]);
  });

  it("has nothing to say about a message without a deadline", () => {
    expect(deadlineStage(null, now)).toBe("none");
    expect(dueNotices(null, now)).toEqual([]);
  });

  it("takes the windows from the policy", () => {
    const policy = { reminderWindowMs: 10 * 60_000, level2AfterMs: 60 * 60_000 };
    expect(dueNotices(at(30), now, policy)).toEqual([]);
    expect(dueNotices(at(5), now, policy)).toEqual(["reminder"]);
    expect(dueNotices(at(-61), now, policy)).toEqual(["escalation1", "escalation2"]);
    expect(sweepBounds(now, policy)).toEqual({ remindBefore: at(10), breachedBefore: now, level2Before: at(-60) });
  });

  it("keys each notice by message and deadline, so a restarted deadline is notified again", () => {
    const id = "7d3f1c2a-0000-4000-8000-000000000001";
    expect(noticeDedupeKey("reminder", id, "2026-11-22T12:00:00.000Z")).toBe(`reminder:${id}:2026-11-22T12:00:00.000Z`);
    expect(noticeDedupeKey("escalation1", id, "2026-11-22T12:00:00.000Z")).toBe(`escalation:1:${id}:2026-11-22T12:00:00.000Z`);
    expect(noticeDedupeKey("escalation2", id, "X")).toBe(`escalation:2:${id}:X`);
    expect(noticeDedupeKey("reminder", id, "A")).not.toBe(noticeDedupeKey("reminder", id, "B"));
    expect([noticeLevel("reminder"), noticeLevel("escalation1"), noticeLevel("escalation2")]).toEqual([0, 1, 2]);
  });
});

describe("notice targets", () => {
  const units: EscalationUnit[] = [
    { id: "hq", code: "HQ", kind: "hq", parentUnitId: null, active: true },
    { id: "r1", code: "R01-OFFICE", kind: "region_office", parentUnitId: null, active: true },
    { id: "d1", code: "R01-D01-OFFICE", kind: "district_office", parentUnitId: "r1", active: true },
    { id: "waste", code: "WASTE", kind: "organisation", parentUnitId: null, active: true },
    { id: "insp", code: "INSPECTION", kind: "organisation", parentUnitId: null, active: true },
  ];
  const complaint = (unitId: string | null) => ({ kind: "complaint" as const, unitId });

  it("reminds the assigned unit, escalates to its parent's supervisors, then to HQ", () => {
    expect(noticeTarget("reminder", complaint("d1"), units)).toEqual({ unitId: "d1", audience: "unit" });
    expect(noticeTarget("escalation1", complaint("d1"), units)).toEqual({ unitId: "r1", audience: "supervisor" });
    expect(noticeTarget("escalation2", complaint("d1"), units)).toEqual({ unitId: "hq", audience: "hq" });
  });

  it("escalates a unit without a parent to its own supervisors", () => {
    expect(noticeTarget("escalation1", complaint("waste"), units)).toEqual({ unitId: "waste", audience: "supervisor" });
  });

  it("sends notices of unassigned messages to HQ", () => {
    expect(noticeTarget("reminder", complaint(null), units)).toEqual({ unitId: "hq", audience: "hq" });
    expect(noticeTarget("escalation1", complaint(null), units)).toEqual({ unitId: "hq", audience: "supervisor" });
  });

  it("keeps corruption reports with the inspection unit at every level, never HQ", () => {
    const report = { kind: "corruption_report" as const, unitId: "insp" };
    for (const notice of ["reminder", "escalation1", "escalation2"] as const) {
      expect(noticeTarget(notice, report, units)).toEqual({ unitId: "insp", audience: "inspection" });
      expect(noticeTarget(notice, { ...report, unitId: "d1" }, units).unitId).toBe("insp");
    }
    expect(noticeTarget("escalation2", report, units.filter((u) => u.code !== "INSPECTION"))).toEqual({ unitId: null, audience: "inspection" });
  });
});
