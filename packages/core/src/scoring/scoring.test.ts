import { describe, expect, it } from "vitest";
import { DEFAULT_FORMULA, rank, scoreOf, validateFormula, type ScoreFacts } from "./index";

const facts = (id: string, over: Partial<ScoreFacts> = {}): ScoreFacts => ({
  id, volume: 100, due: 100, onTime: 80, resolved: 90, resolvedInTarget: 45, reopened: 9, ratings: 10, ratingSum: 40, ...over,
});

describe("scoring", () => {
  it("explains each sub-score and weights them", () => {
    const c = scoreOf(facts("a"), DEFAULT_FORMULA);
    expect(c.subScores.map((s) => [s.key, s.value])).toEqual([["compliance", 80], ["resolutionTime", 50], ["satisfaction", 75], ["reopen", 90]]);
    // (40·80 + 25·50 + 20·75 + 15·90) / 100
    expect(c.score).toBe(73);
  });

  it("leaves a sub-score without data out of the weights", () => {
    const c = scoreOf(facts("a", { ratings: 0, ratingSum: 0 }), DEFAULT_FORMULA);
    expect(c.subScores.find((s) => s.key === "satisfaction")!.value).toBeNull();
    expect(c.score).toBe(Math.round(((40 * 80 + 25 * 50 + 15 * 90) / 80) * 10) / 10);
  });

  it("does not let a unit with three perfect messages top the table", () => {
    const tiny = facts("tiny", { volume: 3, due: 3, onTime: 3, resolved: 3, resolvedInTarget: 3, reopened: 0, ratings: 3, ratingSum: 15 });
    const table = rank([facts("big"), tiny], DEFAULT_FORMULA);
    expect(table[0]).toMatchObject({ id: "big", rank: 1, ranked: true });
    expect(table[1]).toMatchObject({ id: "tiny", rank: null, ranked: false, score: 100 });
    expect(rank([facts("big"), tiny], { ...DEFAULT_FORMULA, minVolume: 3 })[0]!.id).toBe("tiny");
  });

  it("changes the order when the weights change, and gives the same table for the same input", () => {
    const fast = facts("fast", { onTime: 60, resolvedInTarget: 60 });
    const punctual = facts("punctual", { onTime: 95, resolvedInTarget: 20 });
    expect(rank([fast, punctual], DEFAULT_FORMULA).map((c) => c.id)).toEqual(["punctual", "fast"]);
    const speed = { ...DEFAULT_FORMULA, version: 2, weights: { compliance: 10, resolutionTime: 70, satisfaction: 10, reopen: 10 } };
    expect(rank([fast, punctual], speed).map((c) => c.id)).toEqual(["fast", "punctual"]);
    expect(rank([punctual, fast], speed)).toEqual(rank([fast, punctual], speed));
  });

  it("breaks ties by volume, then id", () => {
    const t = rank([facts("b"), facts("a"), facts("c", { volume: 200 })], DEFAULT_FORMULA);
    expect(t.map((c) => c.id)).toEqual(["c", "a", "b"]);
  });

  it("refuses weights out of range or all zero, naming the field", () => {
    expect(validateFormula({ ...DEFAULT_FORMULA, weights: { ...DEFAULT_FORMULA.weights, compliance: 101 } })).toEqual({ "weights.compliance": "insight.errors.weightRange" });
    expect(validateFormula({ ...DEFAULT_FORMULA, weights: { compliance: 0, resolutionTime: 0, satisfaction: 0, reopen: 0 } })).toHaveProperty("weights");
    expect(validateFormula({ ...DEFAULT_FORMULA, minVolume: 0 })).toEqual({ minVolume: "insight.errors.minVolume" });
    expect(validateFormula(DEFAULT_FORMULA)).toEqual({});
  });
});
