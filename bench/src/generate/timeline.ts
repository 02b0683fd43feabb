import type { RequestState } from "@city137/core";
import { Rng } from "./random";
import { AFTER_RESOLVE, FORWARD_SHARE, OUTCOMES } from "./model";
import { NOTES } from "./text";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TimelineEvent {
  at: number;
  type: string;
  from: RequestState | null;
  to: RequestState;
  actor: string | null;
  unitId: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export interface TimelineInput {
  createdAt: number;
  /** Nothing after this instant has happened yet. */
  end: number;
  /** Deadline of work that starts at the given instant (the unit's SLA calendar). */
  deadlineFrom: (at: number) => number;
  unitId: string;
  channel: string;
  routing: { version: number; rule: string | null };
  externalAgency: string | null;
  staff: { createdBy: string | null; operator: string; unitStaff: string; supervisor: string };
  /** An earlier open message of the same kind of problem, for duplicates; null if none. */
  original: () => string | null;
}

export interface Timeline {
  status: RequestState;
  deadline: number;
  resolvedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  duplicateOf: string | null;
  externalAgency: string | null;
  events: TimelineEvent[];
}

/**
 * One message's life as the API would have recorded it: registered and
 * referred at intake, then (if time has passed) started, resolved, closed,
 * sometimes reopened, rejected, marked duplicate or forwarded. Every step
 * follows core's state machine; steps after `end` have not happened.
 */
export function timeline(p: TimelineInput, rng: Rng): Timeline {
  const c = p.createdAt;
  const t: Timeline = { status: "referred", deadline: p.deadlineFrom(c), resolvedAt: null, closedAt: null, updatedAt: c, duplicateOf: null, externalAgency: null, events: [] };
  t.events.push({ at: c, type: "registered", from: null, to: "registered", actor: p.staff.createdBy, unitId: null, note: null, data: { channel: p.channel } });
  t.events.push({ at: c, type: "referred", from: "registered", to: "referred", actor: null, unitId: p.unitId, note: null, data: { routingVersion: p.routing.version, rule: p.routing.rule, unresolved: null } });

  let now = c;
  /** Takes the step if its time has come; false (and nothing recorded) otherwise. */
  const step = (after: number, type: string, to: RequestState, actor: string, note: string | null = null, data: Record<string, unknown> = {}) => {
    const at = Math.round(now + Math.max(MINUTE, after));
    if (at > p.end) return false;
    t.events.push({ at, type, from: t.status, to, actor, unitId: null, note, data: { duplicateOf: null, externalAgency: null, ...data } });
    t.status = to;
    t.updatedAt = now = at;
    return true;
  };
  const work = (span: number) => {
    if (!step(span * Math.min(0.9, rng.logNormal(0.12, 0.8)), "start", "in_progress", p.staff.unitStaff)) return false;
    const resolveAfter = span * rng.logNormal(0.45, 0.6);
    if (!step(resolveAfter, "resolve", "resolved", p.staff.unitStaff, rng.pick(NOTES.resolve))) return false;
    t.resolvedAt = now;
    return true;
  };

  if (p.externalAgency && rng.chance(FORWARD_SHARE)) {
    step(rng.logNormal(20 * MINUTE, 1), "forward", "forwarded", p.staff.operator, null, { externalAgency: p.externalAgency });
    if (t.status === "forwarded") t.externalAgency = p.externalAgency;
    return t;
  }
  let outcome = OUTCOMES.draw(rng);
  const original = outcome === "duplicate" ? p.original() : null;
  if (outcome === "duplicate" && !original) outcome = "handled";
  switch (outcome) {
    case "rejected":
      step(rng.logNormal(12 * HOUR, 1), "reject", "rejected", p.staff.supervisor, rng.pick(NOTES.reject));
      return t;
    case "duplicate":
      if (step(rng.logNormal(2 * HOUR, 1), "mark_duplicate", "duplicate", p.staff.operator, null, { duplicateOf: original })) t.duplicateOf = original;
      return t;
    case "stalled":
      // Never finished: the backlog behind the breach lists.
      if (rng.chance(0.5)) step(rng.logNormal(DAY, 1), "start", "in_progress", p.staff.unitStaff);
      return t;
    case "handled": {
      if (!work(t.deadline - c)) return t;
      const after = AFTER_RESOLVE.draw(rng);
      if (after === "reopened") {
        if (!step(rng.logNormal(2 * DAY, 0.7), "reopen", "reopened", p.staff.operator, rng.pick(NOTES.reopen))) return t;
        t.deadline = p.deadlineFrom(now);
        if (!work(t.deadline - now)) return t;
      }
      if (after !== "left" && rng.chance(after === "reopened" ? 0.7 : 1)) {
        if (step(rng.logNormal(2 * DAY, 0.7), "close", "closed", p.staff.supervisor, rng.pick(NOTES.close) || null)) t.closedAt = now;
      }
      return t;
    }
  }
}
