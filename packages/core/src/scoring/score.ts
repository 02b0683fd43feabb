import { SUB_SCORES, type ScoringFormula, type SubScore } from "./formula";

/** What the database counted for one unit or region over a period (messages registered in it). */
export interface ScoreFacts {
  id: string;
  /** Messages registered in the period (not duplicates, not forwarded elsewhere). */
  volume: number;
  /** Messages with a deadline that was reached or that were resolved. */
  due: number;
  /** …of which resolved by the deadline. */
  onTime: number;
  resolved: number;
  /** Resolved within the formula's target hours. */
  resolvedInTarget: number;
  /** Resolved messages the citizen had reopened at least once. */
  reopened: number;
  ratings: number;
  /** Sum of the 1–5 satisfaction scores. */
  ratingSum: number;
}

export interface SubScoreResult {
  key: SubScore;
  /** 0–100 with one decimal; null when there is no data (then it carries no weight). */
  value: number | null;
  numerator: number;
  denominator: number;
  weight: number;
}

export interface Scorecard {
  id: string;
  volume: number;
  score: number | null;
  subScores: SubScoreResult[];
  ranked: boolean;
  rank: number | null;
}

const one = (x: number) => Math.round(x * 10) / 10;
const share = (n: number, d: number) => (d === 0 ? null : one((100 * n) / d));

/** Sub-scores and the weighted score of one unit or region. */
export function scoreOf(f: ScoreFacts, formula: ScoringFormula): Omit<Scorecard, "ranked" | "rank"> {
  const parts: Record<SubScore, Omit<SubScoreResult, "key" | "weight">> = {
    compliance: { value: share(f.onTime, f.due), numerator: f.onTime, denominator: f.due },
    resolutionTime: { value: share(f.resolvedInTarget, f.resolved), numerator: f.resolvedInTarget, denominator: f.resolved },
    // 1 → 0, 5 → 100
    satisfaction: { value: f.ratings === 0 ? null : one((100 * (f.ratingSum - f.ratings)) / (4 * f.ratings)), numerator: f.ratingSum, denominator: f.ratings },
    reopen: { value: share(f.resolved - f.reopened, f.resolved), numerator: f.reopened, denominator: f.resolved },
  };
  const subScores = SUB_SCORES.map((key) => ({ key, ...parts[key], weight: formula.weights[key] }));
  const counted = subScores.filter((s) => s.value !== null && s.weight > 0);
  const totalWeight = counted.reduce((a, s) => a + s.weight, 0);
  const score = totalWeight === 0 ? null : one(counted.reduce((a, s) => a + s.weight * s.value!, 0) / totalWeight);
  return { id: f.id, volume: f.volume, score, subScores };
}

/**
 * The ranking: below the minimum volume, or without any scored data, a unit is
 * listed but not ranked. Order is total: score, then volume, then id, so the
 * same facts and formula always give the same table.
 */
export function rank(facts: ScoreFacts[], formula: ScoringFormula): Scorecard[] {
  const cards = facts.map((f) => scoreOf(f, formula));
  const eligible = (c: (typeof cards)[number]) => c.volume >= formula.minVolume && c.score !== null;
  const order = (a: (typeof cards)[number], b: (typeof cards)[number]) =>
    (b.score ?? -1) - (a.score ?? -1) || b.volume - a.volume || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ranked = cards.filter(eligible).sort(order);
  const rest = cards.filter((c) => !eligible(c)).sort(order);
  return [...ranked.map((c, i) => ({ ...c, ranked: true, rank: i + 1 })), ...rest.map((c) => ({ ...c, ranked: false, rank: null }))];
}
