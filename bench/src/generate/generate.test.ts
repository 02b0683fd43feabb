import { describe, expect, it } from "vitest";
import { REQUEST_STATES, parseTrackingCode, trackingCode, transition, type RequestAction } from "@city137/core";
import { CATEGORY_WEIGHTS, CHANNELS, HOURS, OUTCOMES, SHIFT_SHARES, dayWeights, drawCreatedAt } from "./model";
import { Rng, Weighted } from "./random";
import { Callers, description } from "./text";
import { timeline } from "./timeline";

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("generator distributions", () => {
  it("sum to 1", () => {
    for (const w of [HOURS, CHANNELS, OUTCOMES, new Weighted(Object.entries(CATEGORY_WEIGHTS))]) expect(sum(w.probabilities())).toBeCloseTo(1, 12);
    expect(sum(Object.values(SHIFT_SHARES))).toBeCloseTo(1, 12);
  });

  it("put 60 / 30 / 10 % of the day in the morning, noon and night shifts", () => {
    const p = HOURS.probabilities();
    const share = (hours: number[]) => sum(HOURS.items.map((h, i) => (hours.includes(h) ? p[i]! : 0)));
    expect(share([6, 7, 8, 9, 10, 11, 12, 13])).toBeCloseTo(0.6, 12);
    expect(share([14, 15, 16, 17, 18, 19, 20, 21])).toBeCloseTo(0.3, 12);
    expect(share([22, 23, 0, 1, 2, 3, 4, 5])).toBeCloseTo(0.1, 12);
  });

  it("draw what the weights say", () => {
    const rng = new Rng(1);
    const w = new Weighted([["a", 3], ["b", 1]] as const);
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (w.draw(rng) === "a") a++;
    expect(a / 20_000).toBeGreaterThan(0.73);
    expect(a / 20_000).toBeLessThan(0.77);
  });

  it("give the record day about 3.8 times a mean day", () => {
    const { weights } = dayWeights(20_000, 365, new Rng(2));
    const p = weights.probabilities();
    expect(Math.max(...p) * 365).toBeGreaterThan(3.5);
  });
});

describe("reproducibility", () => {
  it("the same seed draws the same messages, another seed others", () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      const { weights } = dayWeights(20_000, 365, rng);
      return Array.from({ length: 50 }, () => [drawCreatedAt(weights, rng), description("waste.collection", rng), rng.uuid()]);
    };
    expect(draw("137")).toEqual(draw("137"));
    expect(draw("137")).not.toEqual(draw("138"));
  });

  it("draws well-formed version-4 uuids", () => {
    const rng = new Rng("u");
    for (let i = 0; i < 100; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("tracking codes and callers", () => {
  it("are unique per city for a whole sequence, and valid", () => {
    const tenant = "3f0c9a52-7d1e-4b8a-9c2e-5a6b7c8d9e0f";
    const codes = new Set<string>();
    for (let seq = 1; seq <= 100_000; seq++) codes.add(trackingCode(tenant, seq));
    expect(codes.size).toBe(100_000);
    expect(parseTrackingCode(trackingCode(tenant, 42))).toBe(trackingCode(tenant, 42));
  });

  it("give Iranian mobile numbers, with repeat callers", () => {
    const rng = new Rng(3);
    const callers = new Callers(10_000, rng);
    const numbers = Array.from({ length: 10_000 }, () => callers.next(rng, 0.1)).filter((m): m is string => m !== null);
    for (const m of numbers) expect(m).toMatch(/^09\d{9}$/);
    expect(new Set(numbers).size).toBeLessThan(numbers.length * 0.85);
  });
});

describe("timelines", () => {
  it("follow core's state machine and end in a consistent status", () => {
    const rng = new Rng(4);
    const day = 86_400_000;
    for (let i = 0; i < 2_000; i++) {
      const createdAt = Date.UTC(2026, 0, 1) + rng.int(300) * day;
      const t = timeline(
        {
          createdAt,
          end: Date.UTC(2026, 10, 1),
          deadlineFrom: (at) => at + 3 * day,
          unitId: "u",
          channel: "phone",
          routing: { version: 1, rule: null },
          externalAgency: i % 10 === 0 ? "water" : null,
          staff: { createdBy: null, operator: "o", unitStaff: "s", supervisor: "v" },
          original: () => "orig",
        },
        rng,
      );
      expect(t.events.slice(0, 2).map((e) => e.type)).toEqual(["registered", "referred"]);
      for (const e of t.events.slice(2)) {
        const step = transition(e.from!, e.type as RequestAction);
        expect(step).toEqual({ ok: true, to: e.to });
      }
      expect(REQUEST_STATES).toContain(t.status);
      expect(t.events.at(-1)!.to).toBe(t.status);
      expect(t.events.every((e, j) => j === 0 || e.at >= t.events[j - 1]!.at)).toBe(true);
      if (t.status === "resolved" || t.status === "closed") expect(t.resolvedAt).not.toBeNull();
      if (t.status === "closed") expect(t.closedAt).not.toBeNull();
      if (t.status === "duplicate") expect(t.duplicateOf).toBe("orig");
    }
  });
});
