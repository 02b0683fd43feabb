import type { Channel, MessageKind, Priority, Shift } from "./vocabulary";

/** What a rule looks at. Every present condition must hold; absent ones match anything. */
export interface RuleConditions {
  /** Matches the category or any of its sub-categories. */
  categoryIds?: string[];
  kinds?: MessageKind[];
  regionIds?: string[];
  districtIds?: string[];
  channels?: Channel[];
  priorities?: Priority[];
  shifts?: Shift[];
  /** Tehran local time window, "HH:MM"; may wrap past midnight. Days: 0 Sunday … 6 Saturday. */
  timeWindow?: { from: string; to: string; days?: number[] };
  /** Any of these words in the description (Persian-normalised). */
  keywords?: string[];
}

export type Assignment =
  | { type: "unit"; unitId: string }
  | { type: "district_office" }
  | { type: "region_office" };

export interface RuleActions {
  assign: Assignment;
  raisePriority?: boolean;
  /** Overrides the category's SLA target, in working minutes. */
  slaMinutes?: number;
}

export interface RoutingRule {
  id: string;
  name: string;
  when: RuleConditions;
  then: RuleActions;
}

/** A routing tree: ordered rules, first match wins, then the default. */
export interface RoutingTree {
  rules: RoutingRule[];
  fallback: RuleActions;
}

export interface RoutingMessage {
  /** Category ids from the root to the message's category. */
  categoryPath: string[];
  kind: MessageKind;
  regionId: string | null;
  districtId: string | null;
  channel: Channel;
  priority: Priority;
  at: Date;
  text: string;
}

/** Offices of the city's divisions, for "the district's own office" rules. */
export interface OfficeDirectory {
  districtOffice(districtId: string): string | null;
  regionOffice(regionId: string): string | null;
}

export type ConditionName = keyof RuleConditions;

export interface RoutingDecision {
  /** null when the default rule decided. */
  ruleId: string | null;
  unitId: string | null;
  /** Set when the rule's assignment could not be resolved (e.g. no district office). */
  unresolved: Assignment | null;
  priority: Priority;
  slaMinutes: number | null;
}

export interface RuleTrace {
  ruleId: string;
  name: string;
  matched: boolean;
  failed: ConditionName[];
}
