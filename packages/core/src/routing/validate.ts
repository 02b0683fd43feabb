import type { Assignment, RoutingTree, RuleActions } from "./types";

export interface RoutingProblem {
  /** Where: "rules.3.then.assign.unitId", "fallback.slaMinutes", … */
  path: string;
  messageKey: string;
}

export interface KnownIds {
  activeUnitIds: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
  regionIds: ReadonlySet<string>;
  districtIds: ReadonlySet<string>;
}

/**
 * Everything that would make a published tree misroute: assignments to units
 * that do not exist or are deactivated, conditions naming unknown ids, SLAs
 * of zero or less, broken time windows. Empty means publishable.
 */
export function validateRoutingTree(tree: RoutingTree, known: KnownIds): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const ids = new Set<string>();
  tree.rules.forEach((rule, i) => {
    const at = `rules.${i}`;
    if (ids.has(rule.id)) problems.push({ path: `${at}.id`, messageKey: "errors.routing.duplicateRule" });
    ids.add(rule.id);
    if (!rule.name.trim()) problems.push({ path: `${at}.name`, messageKey: "validation.required" });
    const w = rule.when;
    const unknown = (list: string[] | undefined, set: ReadonlySet<string>, field: string, key: string) =>
      list?.forEach((id, j) => {
        if (!set.has(id)) problems.push({ path: `${at}.when.${field}.${j}`, messageKey: key });
      });
    unknown(w.categoryIds, known.categoryIds, "categoryIds", "errors.routing.unknownCategory");
    unknown(w.regionIds, known.regionIds, "regionIds", "errors.routing.unknownRegion");
    unknown(w.districtIds, known.districtIds, "districtIds", "errors.routing.unknownDistrict");
    if (w.timeWindow && !validWindow(w.timeWindow)) {
      problems.push({ path: `${at}.when.timeWindow`, messageKey: "errors.routing.badTimeWindow" });
    }
    if (w.keywords?.some((k) => !k.trim())) problems.push({ path: `${at}.when.keywords`, messageKey: "errors.routing.emptyKeyword" });
    problems.push(...actionProblems(rule.then, `${at}.then`, known));
  });
  problems.push(...actionProblems(tree.fallback, "fallback", known));
  return problems;
}

function actionProblems(a: RuleActions, at: string, known: KnownIds): RoutingProblem[] {
  const out: RoutingProblem[] = [];
  if (!isAssignment(a.assign)) out.push({ path: `${at}.assign`, messageKey: "validation.invalid" });
  else if (a.assign.type === "unit" && !known.activeUnitIds.has(a.assign.unitId)) {
    out.push({ path: `${at}.assign.unitId`, messageKey: "errors.routing.inactiveUnit" });
  }
  if (a.slaMinutes !== undefined && !(Number.isInteger(a.slaMinutes) && a.slaMinutes > 0)) {
    out.push({ path: `${at}.slaMinutes`, messageKey: "errors.routing.slaNotPositive" });
  }
  return out;
}

function isAssignment(a: Assignment | undefined): a is Assignment {
  return !!a && (a.type === "district_office" || a.type === "region_office" || (a.type === "unit" && !!a.unitId));
}

function validWindow(w: { from: string; to: string; days?: number[] }): boolean {
  const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  return clock.test(w.from) && clock.test(w.to) && w.from !== w.to && (w.days ?? []).every((d) => Number.isInteger(d) && d >= 0 && d <= 6);
}
