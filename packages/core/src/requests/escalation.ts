import type { MessageKind } from "../routing/vocabulary";

/**
 * Deadline reminders and escalation: which notices an open message is due
 * for at a given instant, and to whom each goes. Pure; the sweep job asks
 * these questions and writes the answers to the outbox.
 */

/** "Approaching": the deadline falls within this window from now. */
export const REMINDER_WINDOW_MS = 2 * 60 * 60 * 1000;
/** Breached for longer than this: escalate to HQ (level 2). */
export const LEVEL2_AFTER_MS = 24 * 60 * 60 * 1000;

export interface EscalationPolicy {
  reminderWindowMs: number;
  level2AfterMs: number;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { reminderWindowMs: REMINDER_WINDOW_MS, level2AfterMs: LEVEL2_AFTER_MS };

export type DeadlineNotice = "reminder" | "escalation1" | "escalation2";

/** Outbox topic of each notice. */
export const NOTICE_TOPIC: Record<DeadlineNotice, string> = {
  reminder: "staff.deadline_reminder",
  escalation1: "staff.escalation",
  escalation2: "staff.escalation",
};

/** Dedupe key prefix of each notice: `<prefix>:<requestId>:<deadline ISO>`. */
export const NOTICE_KEY_PREFIX: Record<DeadlineNotice, string> = {
  reminder: "reminder",
  escalation1: "escalation:1",
  escalation2: "escalation:2",
};

/**
 * One notice per message, stage and deadline. The deadline is part of the key,
 * so a restarted deadline (reopened, re-referred) is reminded and escalated again.
 */
export function noticeDedupeKey(notice: DeadlineNotice, requestId: string, deadlineIso: string): string {
  return `${NOTICE_KEY_PREFIX[notice]}:${requestId}:${deadlineIso}`;
}

export type DeadlineStage = "none" | "approaching" | "breached" | "long_breached";

/** Where a deadline stands at `now`. No deadline: nothing to remind. */
export function deadlineStage(deadline: Date | null, now: Date, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY): DeadlineStage {
  if (!deadline) return "none";
  const left = deadline.getTime() - now.getTime();
  if (left > policy.reminderWindowMs) return "none";
  if (left > 0) return "approaching";
  return -left > policy.level2AfterMs ? "long_breached" : "breached";
}

/**
 * The notices due at `now`, lowest level first. A deadline that has already
 * passed gets no "approaching" reminder; a long breach is due both levels
 * (each is written once, whatever the order the sweeps saw it in).
 */
export function dueNotices(deadline: Date | null, now: Date, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY): DeadlineNotice[] {
  switch (deadlineStage(deadline, now, policy)) {
    case "approaching":
      return ["reminder"];
    case "breached":
      return ["escalation1"];
    case "long_breached":
      return ["escalation1", "escalation2"];
    default:
      return [];
  }
}

/** The instants that bound the sweep's query (deadline < remindBefore, and so on). */
export function sweepBounds(now: Date, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY) {
  return {
    remindBefore: new Date(now.getTime() + policy.reminderWindowMs),
    breachedBefore: now,
    level2Before: new Date(now.getTime() - policy.level2AfterMs),
  };
}

/** The code of the inspection unit in the city templates (corruption reports go there). */
export const INSPECTION_UNIT_CODE = "INSPECTION";

export interface EscalationUnit {
  id: string;
  code: string;
  kind: string;
  parentUnitId: string | null;
  active: boolean;
}

export type NoticeAudience = "unit" | "supervisor" | "hq" | "inspection";

export interface NoticeTarget {
  /** The unit whose staff receive the notice; null when the city has no such unit. */
  unitId: string | null;
  audience: NoticeAudience;
}

/**
 * Who receives a notice:
 * - reminder: the assigned unit (HQ when unassigned);
 * - level 1: the supervisors of the assigned unit's parent (a district office's
 *   region office), or of the unit itself when it has no parent;
 * - level 2: HQ.
 * Corruption reports never leave the inspection unit: every notice about one
 * goes to it, never to HQ or to a regional chain.
 */
export function noticeTarget(notice: DeadlineNotice, request: { kind: MessageKind; unitId: string | null }, units: readonly EscalationUnit[]): NoticeTarget {
  const byId = new Map(units.map((u) => [u.id, u]));
  const hq = units.find((u) => u.kind === "hq" && u.active) ?? units.find((u) => u.kind === "hq") ?? null;
  if (request.kind === "corruption_report") {
    const inspection = units.find((u) => u.code === INSPECTION_UNIT_CODE) ?? null;
    return { unitId: inspection?.id ?? null, audience: "inspection" };
  }
  const assigned = request.unitId ? (byId.get(request.unitId) ?? null) : null;
  switch (notice) {
    case "reminder":
      return assigned ? { unitId: assigned.id, audience: "unit" } : { unitId: hq?.id ?? null, audience: "hq" };
    case "escalation1": {
      const parent = assigned?.parentUnitId ? (byId.get(assigned.parentUnitId) ?? null) : null;
      const supervising = parent ?? assigned ?? hq;
      return { unitId: supervising?.id ?? null, audience: "supervisor" };
    }
    case "escalation2":
      return { unitId: hq?.id ?? null, audience: "hq" };
  }
}

/** Escalation level of a notice (0 for a reminder). */
export function noticeLevel(notice: DeadlineNotice): 0 | 1 | 2 {
  return notice === "reminder" ? 0 : notice === "escalation1" ? 1 : 2;
}
