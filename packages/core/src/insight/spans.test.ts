import { describe, expect, it } from "vitest";
import { bucketOfDay, dayOfJalali } from "./periods";
import { coverRange, spanOfDay, spansOfDays } from "./spans";

const MEHR_1405 = dayOfJalali(1405, 7, 1);

describe("rollup spans", () => {
  it("names the Jalali month and the Saturday-first week of a day", () => {
    expect(spanOfDay(MEHR_1405 + 10, "month")).toEqual({ kind: "month", start: MEHR_1405, end: dayOfJalali(1405, 8, 1) });
    expect(spanOfDay(dayOfJalali(1405, 12, 5), "month").end).toBe(dayOfJalali(1406, 1, 1));
    for (let d = MEHR_1405 - 20; d < MEHR_1405 + 20; d++) {
      const w = spanOfDay(d, "week");
      expect(w.end - w.start).toBe(7);
      expect(bucketOfDay(w.start, "week")).toBe(bucketOfDay(d, "week"));
      expect(bucketOfDay(w.end - 1, "week")).toBe(bucketOfDay(d, "week"));
      expect(bucketOfDay(w.end, "week")).not.toBe(bucketOfDay(d, "week"));
    }
  });

  it("lists every span holding a day once", () => {
    const s = spansOfDays([MEHR_1405, MEHR_1405, MEHR_1405 + 1]);
    expect(s.filter((x) => x.kind === "month")).toHaveLength(1);
    expect(new Set(s.map((x) => `${x.kind}${x.start}`)).size).toBe(s.length);
  });

  it("covers every day of a range not skipped exactly once, with whole spans inside the range and their bucket", () => {
    const ranges = [
      [MEHR_1405 - 400, MEHR_1405 + 35],
      [MEHR_1405, MEHR_1405 + 30],
      [MEHR_1405 + 3, MEHR_1405 + 9],
      [MEHR_1405 - 3, MEHR_1405 - 2],
    ] as const;
    for (const [fromDay, toDay] of ranges)
      for (const skip of [[], [MEHR_1405 + 4, MEHR_1405 - 100]])
        for (const g of [undefined, "day", "week", "month", "year"] as const) {
          const bucketOf = g ? (d: number) => bucketOfDay(d, g) : undefined;
          const { spans, days } = coverRange({ fromDay, toDay, skip, bucketOf });
          const covered = [...days, ...spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, i) => s.start + i))].sort((a, b) => a - b);
          const expected = Array.from({ length: toDay - fromDay }, (_, i) => fromDay + i).filter((d) => !skip.includes(d));
          expect(covered, `${fromDay}…${toDay} ${g}`).toEqual(expected);
          for (const s of spans) {
            expect(s).toEqual(spanOfDay(s.start, s.kind));
            if (bucketOf) expect(bucketOf(s.start)).toBe(bucketOf(s.end - 1));
          }
          if (g === "day") expect(spans).toEqual([]);
        }
    // A year is mostly whole months: far fewer reads than days.
    const year = coverRange({ fromDay: MEHR_1405 - 400, toDay: MEHR_1405 + 35 });
    expect(year.spans.filter((s) => s.kind === "month").length).toBeGreaterThanOrEqual(12);
    expect(year.days.length).toBeLessThan(14);
    // By week, every whole week is a span.
    const weeks = coverRange({ fromDay: MEHR_1405 - 400, toDay: MEHR_1405 + 35, bucketOf: (d) => bucketOfDay(d, "week") });
    expect(weeks.spans.every((s) => s.kind === "week")).toBe(true);
    expect(weeks.days.length).toBeLessThan(14);
  });
});
