import { describe, expect, it } from "vitest";
import { histogramPercentile, hoursBucket } from "./hours";

describe("hours buckets", () => {
  it("names a bucket by its upper bound: hours to three days, six hours to a week, days beyond", () => {
    expect([0, 1, 3600, 3601, 72 * 3600, 72 * 3600 + 1, 168 * 3600, 168 * 3600 + 1].map(hoursBucket)).toEqual([0, 1, 1, 2, 72, 78, 168, 192]);
  });

  it("reads percentile_disc from a histogram: the first bucket reaching ceil(p × n)", () => {
    const h = [{ hours: 48, n: 1 }, { hours: 1, n: 1 }, { hours: 3, n: 1 }, { hours: 120, n: 1 }];
    expect(histogramPercentile(h, 0.5)).toBe(3); // 2nd of 4
    expect(histogramPercentile(h, 0.9)).toBe(120); // 4th of 4
    expect(histogramPercentile([{ hours: 5, n: 9 }, { hours: 6, n: 1 }], 0.9)).toBe(5); // 9th of 10
    expect(histogramPercentile([], 0.5)).toBeNull();
  });
});
