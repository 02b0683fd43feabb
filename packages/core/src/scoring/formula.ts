/**
 * The scoring formula of a city (ADR 013). Each sub-score is 0–100; the score
 * is their weighted mean over the sub-scores that have data. A formula is
 * versioned: a ranking names the version it used, and an old version always
 * gives the same table for the same period.
 */
export const SUB_SCORES = ["compliance", "resolutionTime", "satisfaction", "reopen"] as const;
export type SubScore = (typeof SUB_SCORES)[number];

export interface ScoringFormula {
  /** 0 is the built-in default, used until the city saves its own. */
  version: number;
  weights: Record<SubScore, number>;
  /** Units or regions with fewer messages in the period are listed but not ranked. */
  minVolume: number;
  /** "Resolution time" counts resolutions within this many hours of registration. */
  targetHours: number;
}

export const DEFAULT_FORMULA: ScoringFormula = {
  version: 0,
  weights: { compliance: 40, resolutionTime: 25, satisfaction: 20, reopen: 15 },
  minVolume: 30,
  targetHours: 72,
};

/** Why a formula is refused, as message keys per field; empty when it is sound. */
export function validateFormula(f: Omit<ScoringFormula, "version">): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const s of SUB_SCORES) {
    const w = f.weights[s];
    if (!Number.isInteger(w) || w < 0 || w > 100) errors[`weights.${s}`] = "insight.errors.weightRange";
  }
  if (SUB_SCORES.every((s) => f.weights[s] === 0)) errors.weights = "insight.errors.allZero";
  if (!Number.isInteger(f.minVolume) || f.minVolume < 1) errors.minVolume = "insight.errors.minVolume";
  if (!Number.isInteger(f.targetHours) || f.targetHours < 1) errors.targetHours = "insight.errors.targetHours";
  return errors;
}
