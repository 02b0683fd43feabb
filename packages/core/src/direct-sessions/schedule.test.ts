import { describe, expect, it } from "vitest";
import { directSessionStep, firstClash, overlaps, slotOf, tehranSlot, weeklySlots } from "./schedule";

describe("direct session timetable", () => {
  it("reads a date and clock times as Tehran time (UTC+03:30)", () => {
    const s = slotOf("2026-12-02", "10:00", "12:00")!;
    expect(s.startsAt.toISOString()).toBe("2026-12-02T06:30:00.000Z");
    expect(s.endsAt.toISOString()).toBe("2026-12-02T08:30:00.000Z");
    expect(tehranSlot(s)).toEqual({ date: "2026-12-02", weekday: 3, start: "10:00", end: "12:00" });
  });

  it("refuses an end that is not after the start", () => {
    expect(slotOf("2026-12-02", "12:00", "10:00")).toBeNull();
    expect(slotOf("2026-12-02", "10:00", "10:00")).toBeNull();
  });

  it("repeats weekly on the same weekday and Tehran clock time, crossing the Jalali new year", () => {
    const slots = weeklySlots(slotOf("2027-03-10", "10:00", "12:00")!, 4);
    expect(slots.map((s) => tehranSlot(s))).toEqual([
      { date: "2027-03-10", weekday: 3, start: "10:00", end: "12:00" },
      { date: "2027-03-17", weekday: 3, start: "10:00", end: "12:00" },
      { date: "2027-03-24", weekday: 3, start: "10:00", end: "12:00" },
      { date: "2027-03-31", weekday: 3, start: "10:00", end: "12:00" },
    ]);
  });

  it("a session late in the Tehran evening repeats on the Tehran weekday, not the UTC one", () => {
    const slots = weeklySlots(slotOf("2026-12-02", "22:00", "23:30")!, 2);
    expect(slots[1]!.startsAt.toISOString()).toBe("2026-12-09T18:30:00.000Z");
    expect(tehranSlot(slots[1]!).weekday).toBe(3);
  });

  it("finds a clash with one of the manager's sessions; back to back is no clash", () => {
    const wed = slotOf("2026-12-02", "10:00", "12:00")!;
    expect(overlaps(wed, slotOf("2026-12-02", "11:30", "13:00")!)).toBe(true);
    expect(overlaps(wed, slotOf("2026-12-02", "12:00", "13:00")!)).toBe(false);
    expect(overlaps(wed, slotOf("2026-12-02", "08:00", "10:00")!)).toBe(false);
    const series = weeklySlots(wed, 3);
    expect(firstClash(series, [slotOf("2026-12-16", "09:00", "10:30")!])).toEqual(series[2]);
    expect(firstClash(series, [slotOf("2026-12-17", "09:00", "10:30")!])).toBeNull();
  });

  it("moves scheduled → live → ended → published; only a scheduled session can be cancelled", () => {
    expect(directSessionStep("scheduled", "start")).toBe("live");
    expect(directSessionStep("live", "end")).toBe("ended");
    expect(directSessionStep("ended", "publish")).toBe("published");
    expect(directSessionStep("scheduled", "cancel")).toBe("cancelled");
    expect(directSessionStep("live", "cancel")).toBeNull();
    expect(directSessionStep("scheduled", "publish")).toBeNull();
    expect(directSessionStep("published", "start")).toBeNull();
  });
});
