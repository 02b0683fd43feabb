import {
  DEFAULT_ESCALATION_POLICY,
  dueNotices,
  NOTICE_KEY_PREFIX,
  NOTICE_TOPIC,
  noticeDedupeKey,
  noticeLevel,
  noticeTarget,
  sweepBounds,
  type DeadlineNotice,
  type EscalationPolicy,
} from "@city137/core";
import { isUuid, listDeadlineCandidates, listUnits, recordDeadlineNotice, withTenant, type Database } from "@city137/db";

export interface SweepOptions {
  tenantId: string;
  now: Date;
  policy?: Partial<EscalationPolicy>;
  /** Only these messages (ids of another city match nothing). */
  requestIds?: string[];
  /** Messages looked at per transaction. */
  batchSize?: number;
}

export interface SweepResult {
  /** Messages the query returned as due a notice. */
  looked: number;
  /** Notices newly written, by kind. */
  written: Record<DeadlineNotice, number>;
}

const MAX_ROUNDS = 50;

/**
 * One city's deadline sweep at `now`: for open messages whose deadline is
 * near or past, writes each due reminder or escalation to the outbox (topic
 * staff.deadline_reminder / staff.escalation) with a dedupe key of message,
 * level and deadline, and a timeline entry (reminder / escalated) only when
 * the outbox row is new. Running it twice, or on two workers at once, writes
 * each notice once. Everything happens inside withTenant: row-level security
 * limits it to this city.
 */
export async function sweepDeadlines(db: Database, opts: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { looked: 0, written: { reminder: 0, escalation1: 0, escalation2: 0 } };
  if (!isUuid(opts.tenantId)) return result;
  const { tenantId, now } = opts;
  const policy: EscalationPolicy = { ...DEFAULT_ESCALATION_POLICY, ...opts.policy };
  const batchSize = opts.batchSize ?? 500;
  const requestIds = opts.requestIds?.filter(isUuid);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { looked, wrote } = await withTenant(db, tenantId, async (tx) => {
      const candidates = await listDeadlineCandidates(tx, {
        tenantId,
        ...sweepBounds(now, policy),
        prefixes: NOTICE_KEY_PREFIX,
        requestIds,
        limit: batchSize,
      });
      if (!candidates.length) return { looked: 0, wrote: 0 };
      const units = await listUnits(tx, { tenantId });
      let wrote = 0;
      for (const r of candidates) {
        for (const notice of dueNotices(r.deadline, now, policy)) {
          const level = noticeLevel(notice);
          const target = noticeTarget(notice, r, units);
          const common = { deadline: r.deadlineIso, toUnitId: target.unitId, audience: target.audience };
          const written = await recordDeadlineNotice(tx, {
            tenantId,
            requestId: r.id,
            topic: NOTICE_TOPIC[notice],
            dedupeKey: noticeDedupeKey(notice, r.id, r.deadlineIso),
            payload: { requestId: r.id, trackingCode: r.trackingCode, assignedUnitId: r.unitId, level, ...common },
            event: {
              type: level === 0 ? "reminder" : "escalated",
              at: now,
              unitId: target.unitId,
              data: level === 0 ? common : { level, ...common },
            },
          });
          if (written) {
            result.written[notice]++;
            wrote++;
          }
        }
      }
      return { looked: candidates.length, wrote };
    });
    result.looked += looked;
    // A full batch that wrote something may have more behind it; otherwise done.
    if (looked < batchSize || wrote === 0) break;
  }
  return result;
}
