import { describe, expect, it } from "vitest";
import { jalaliToIsoDate, isoDateToJalali } from "./jalali";
import { addWorkingMinutes, compileCalendar, iranianWeek, workingMinutesBetween, type SlaCalendarConfig } from "./sla-calendar";

const tehran = (local: string) => new Date(`${local}+03:30`);
const business = (holidays: string[] = [], thursday: "half" | "off" | "full" = "half") =>
  compileCalendar({ mode: "business", week: iranianWeek({ thursday }), holidays });

describe("Jalali dates", () => {
  it("converts across the Jalali new year (Nowruz)", () => {
    expect(jalaliToIsoDate({ jy: 1405, jm: 1, jd: 1 })).toBe("2026-03-21");
    expect(jalaliToIsoDate({ jy: 1404, jm: 12, jd: 29 })).toBe("2026-03-20");
    expect(isoDateToJalali("2026-11-24")).toEqual({ jy: 1405, jm: 9, jd: 3 });
  });
  it("knows which Esfand 30ths exist (leap years)", () => {
    expect(jalaliToIsoDate({ jy: 1403, jm: 12, jd: 30 })).toBe("2025-03-20");
    expect(jalaliToIsoDate({ jy: 1404, jm: 12, jd: 30 })).toBeNull();
  });
});

describe("working-time deadlines", () => {
  it("counts within one working day", () => {
    // Saturday 2026-11-21, 09:00 Tehran + 4h → 13:00
    expect(addWorkingMinutes(tehran("2026-11-21T09:00:00"), 240, business())).toEqual(tehran("2026-11-21T13:00:00"));
  });
  it("carries the rest over to the next morning", () => {
    // Saturday 15:00 + 3h: 1h Saturday, 2h Sunday from 08:00 → Sunday 10:00
    expect(addWorkingMinutes(tehran("2026-11-21T15:00:00"), 180, business())).toEqual(tehran("2026-11-22T10:00:00"));
  });
  it("treats Thursday as a half day and Friday as off", () => {
    // Wednesday 2026-11-25 14:00 + 8h: 2h Wed, 4h Thu (08–12), Fri off, 2h Sat → Sat 10:00
    expect(addWorkingMinutes(tehran("2026-11-25T14:00:00"), 480, business())).toEqual(tehran("2026-11-28T10:00:00"));
    // with Thursday off the same work ends Saturday 14:00
    expect(addWorkingMinutes(tehran("2026-11-25T14:00:00"), 480, business([], "off"))).toEqual(tehran("2026-11-28T14:00:00"));
  });
  it("skips the city's holidays, across the Jalali year boundary", () => {
    const nowruz = [1, 2, 3, 4].map((jd) => jalaliToIsoDate({ jy: 1405, jm: 1, jd })!);
    // Esfand 29, 1404 (Friday 2026-03-20) is off; Farvardin 1–4 are holidays; work resumes Wed 2026-03-25
    const start = tehran("2026-03-19T11:00:00"); // Thursday 11:00, 1h left that day
    expect(addWorkingMinutes(start, 120, business(nowruz))).toEqual(tehran("2026-03-25T09:00:00"));
  });
  it("does not wait for the next opening when work is due at closing time", () => {
    expect(addWorkingMinutes(tehran("2026-11-21T12:00:00"), 240, business())).toEqual(tehran("2026-11-21T16:00:00"));
  });
  it("starts at opening when registered at night", () => {
    expect(addWorkingMinutes(tehran("2026-11-21T23:10:00"), 30, business())).toEqual(tehran("2026-11-22T08:30:00"));
  });
  it("counts every minute for urgent (24/7) work", () => {
    const allDay = compileCalendar({ mode: "24x7", week: iranianWeek(), holidays: ["2026-11-27"] });
    expect(addWorkingMinutes(tehran("2026-11-26T23:00:00"), 120, allDay)).toEqual(tehran("2026-11-27T01:00:00"));
  });
  it("measures elapsed working time consistently with deadlines", () => {
    const cal = business(["2026-11-23"]);
    const start = tehran("2026-11-21T15:30:00");
    for (const minutes of [1, 30, 240, 481, 2000]) {
      expect(workingMinutesBetween(start, addWorkingMinutes(start, minutes, cal), cal)).toBe(minutes);
    }
  });
  it("refuses an SLA of zero and a calendar with no working time", () => {
    expect(() => addWorkingMinutes(new Date(), 0, business())).toThrow(/longer than zero/);
    const none: SlaCalendarConfig = { mode: "business", week: [[], [], [], [], [], [], []], holidays: [] };
    expect(() => compileCalendar(none)).toThrow(/at least one working day/);
    expect(() => compileCalendar({ ...none, week: [[{ start: "10:00", end: "09:00" }], [], [], [], [], [], []] })).toThrow(/end before/);
  });
});
