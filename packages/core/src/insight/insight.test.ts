import { describe, expect, it } from "vitest";
import { dayOfIsoDate } from "../calendar/tehran-time";
import { ageingBucket, ageingRange, bucketOfDay, growthPercent, percent, periodRange, sameRangeLastYear } from "./index";

describe("insight periods", () => {
  it("buckets a Tehran day by Jalali day, Saturday week, month and year", () => {
    const day = dayOfIsoDate("2026-11-25"); // Wednesday 4 Azar 1405
    expect(bucketOfDay(day, "day")).toBe("1405-09-04");
    expect(bucketOfDay(day, "week")).toBe("1405-08-30"); // Saturday 21 Nov 2026
    expect(bucketOfDay(dayOfIsoDate("2026-11-21"), "week")).toBe("1405-08-30");
    expect(bucketOfDay(dayOfIsoDate("2026-11-20"), "week")).toBe("1405-08-23"); // Friday ends the week before
    expect(bucketOfDay(day, "month")).toBe("1405-09");
    expect(bucketOfDay(day, "year")).toBe("1405");
  });

  it("gives a Jalali month and year as Tehran-midnight instants", () => {
    const m = periodRange({ kind: "month", jy: 1405, jm: 9 });
    expect(m.from.toISOString()).toBe("2026-11-21T20:30:00.000Z"); // 1 Azar 00:00 Tehran
    expect(m.to.toISOString()).toBe("2026-12-21T20:30:00.000Z");
    const esfand = periodRange({ kind: "month", jy: 1404, jm: 12 });
    expect(esfand.to.toISOString()).toBe(periodRange({ kind: "year", jy: 1405 }).from.toISOString());
  });

  it("moves a range to the same Jalali days of the previous year", () => {
    const r = sameRangeLastYear(dayOfIsoDate("2026-11-22"), dayOfIsoDate("2026-12-22"));
    expect(bucketOfDay(r.fromDay, "day")).toBe("1404-09-01");
    expect(bucketOfDay(r.toDay, "day")).toBe("1404-10-01");
  });

  it("computes shares and growth, null without a base", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBeNull();
    expect(growthPercent(150, 100)).toBe(50);
    expect(growthPercent(5, 0)).toBeNull();
  });

  it("puts open messages into ageing buckets with matching drill-down ranges", () => {
    expect(ageingBucket(0)).toBe("lt1d");
    expect(ageingBucket(24)).toBe("d1to3");
    expect(ageingBucket(800)).toBe("gt30d");
    expect(ageingRange("d1to3")).toEqual({ minHours: 24, maxHours: 72 });
    expect(ageingRange("gt30d")).toEqual({ minHours: 720, maxHours: null });
  });
});
