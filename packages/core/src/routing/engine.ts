import { normalizePersian } from "../text/normalize";
import { parseClock, tehranDayAndMinute, weekdayOfDay } from "../calendar/tehran-time";
import { shiftOfMinute } from "./vocabulary";
import type {
  ConditionName,
  OfficeDirectory,
  RoutingDecision,
  RoutingMessage,
  RoutingRule,
  RoutingTree,
  RuleActions,
  RuleTrace,
} from "./types";

type Test = (m: PreparedMessage) => boolean;

interface PreparedMessage extends RoutingMessage {
  minute: number;
  weekday: number;
  normalizedText: string;
}

interface CompiledRule {
  rule: RoutingRule;
  tests: Array<[ConditionName, Test]>;
}

export interface CompiledTree {
  rules: CompiledRule[];
  fallback: RuleActions;
  /** Normalising the description costs time; only done when a rule reads it. */
  needsText: boolean;
}

const setTest = <T>(values: T[] | undefined, pick: (m: PreparedMessage) => T | null): Test | null => {
  if (!values || values.length === 0) return null;
  const set = new Set(values);
  return (m) => {
    const v = pick(m);
    return v !== null && set.has(v);
  };
};

function compileRule(rule: RoutingRule): CompiledRule {
  const w = rule.when;
  const tests: Array<[ConditionName, Test | null]> = [
    ["categoryIds", w.categoryIds?.length ? categoryTest(w.categoryIds) : null],
    ["kinds", setTest(w.kinds, (m) => m.kind)],
    ["regionIds", setTest(w.regionIds, (m) => m.regionId)],
    ["districtIds", setTest(w.districtIds, (m) => m.districtId)],
    ["channels", setTest(w.channels, (m) => m.channel)],
    ["priorities", setTest(w.priorities, (m) => m.priority)],
    ["shifts", setTest(w.shifts, (m) => shiftOfMinute(m.minute))],
    ["timeWindow", w.timeWindow ? windowTest(w.timeWindow) : null],
    ["keywords", w.keywords?.length ? keywordTest(w.keywords) : null],
  ];
  return { rule, tests: tests.filter((t): t is [ConditionName, Test] => t[1] !== null) };
}

function categoryTest(ids: string[]): Test {
  const set = new Set(ids);
  return (m) => m.categoryPath.some((id) => set.has(id));
}

function windowTest(win: { from: string; to: string; days?: number[] }): Test {
  const from = parseClock(win.from);
  const to = parseClock(win.to);
  const days = win.days?.length ? new Set(win.days) : null;
  return (m) => {
    const inTime = from <= to ? m.minute >= from && m.minute < to : m.minute >= from || m.minute < to;
    return inTime && (!days || days.has(m.weekday));
  };
}

function keywordTest(words: string[]): Test {
  const normalized = words.map((w) => normalizePersian(w).toLowerCase()).filter(Boolean);
  return (m) => normalized.some((w) => m.normalizedText.includes(w));
}

/** Compile once per published version; evaluation is then a linear scan of cheap tests. */
export function compileTree(tree: RoutingTree): CompiledTree {
  return {
    rules: tree.rules.map(compileRule),
    fallback: tree.fallback,
    needsText: tree.rules.some((r) => (r.when.keywords?.length ?? 0) > 0),
  };
}

function prepare(message: RoutingMessage, needsText: boolean): PreparedMessage {
  const { day, minute } = tehranDayAndMinute(message.at);
  return {
    ...message,
    minute,
    weekday: weekdayOfDay(day),
    normalizedText: needsText ? normalizePersian(message.text).toLowerCase() : "",
  };
}

function decide(actions: RuleActions, ruleId: string | null, m: RoutingMessage, offices: OfficeDirectory): RoutingDecision {
  const a = actions.assign;
  const unitId =
    a.type === "unit"
      ? a.unitId
      : a.type === "district_office"
        ? m.districtId && offices.districtOffice(m.districtId)
        : m.regionId && offices.regionOffice(m.regionId);
  return {
    ruleId,
    unitId: unitId || null,
    unresolved: unitId ? null : a,
    priority: actions.raisePriority ? "urgent" : m.priority,
    slaMinutes: actions.slaMinutes ?? null,
  };
}

/** The first rule whose conditions all hold decides; otherwise the default. */
export function route(tree: CompiledTree, message: RoutingMessage, offices: OfficeDirectory): RoutingDecision {
  const m = prepare(message, tree.needsText);
  for (const { rule, tests } of tree.rules) {
    if (tests.every(([, test]) => test(m))) return decide(rule.then, rule.id, message, offices);
  }
  return decide(tree.fallback, null, message, offices);
}

/**
 * The simulator's view: every rule up to the one that matched, with the
 * conditions that failed, so an admin sees why earlier rules did not apply.
 */
export function explainRoute(
  tree: CompiledTree,
  message: RoutingMessage,
  offices: OfficeDirectory,
): { decision: RoutingDecision; trace: RuleTrace[] } {
  const m = prepare(message, true);
  const trace: RuleTrace[] = [];
  for (const { rule, tests } of tree.rules) {
    const failed = tests.filter(([, test]) => !test(m)).map(([name]) => name);
    trace.push({ ruleId: rule.id, name: rule.name, matched: failed.length === 0, failed });
    if (failed.length === 0) return { decision: decide(rule.then, rule.id, message, offices), trace };
  }
  return { decision: decide(tree.fallback, null, message, offices), trace };
}
