import { and, asc, eq, gt, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { outbox, requestEvents, requests } from "../schema";

/**
 * The deadline as the dedupe keys spell it: UTC, millisecond ISO 8601, the
 * same text as JavaScript's toISOString(). Keys are built from this column
 * (never from a re-parsed Date), so the query and the writer always agree.
 */
const deadlineIso = sql<string>`to_char(${requests.deadline} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Open statuses, spelled as in the partial index requests_open_deadline_idx so the planner can use it. */
const isOpen = sql`${requests.status} in ('registered','referred','in_progress','reopened')`;

/** No outbox row yet with key `<prefix>:<request id>:<deadline ISO>`. */
const noticeMissing = (prefix: string): SQL =>
  sql`not exists (select 1 from outbox o where o.tenant_id = ${requests.tenantId} and o.dedupe_key = ${prefix}::text || ':' || ${requests.id}::text || ':' || ${deadlineIso})`;

export interface DeadlineCandidateQuery {
  tenantId: string;
  /** Open messages with a deadline at or before this instant are looked at (now + reminder window). */
  remindBefore: Date;
  /** Now: a deadline at or before it is breached (core's deadlineStage). */
  breachedBefore: Date;
  /** Now minus the level-2 delay: a deadline before it is long breached. */
  level2Before: Date;
  /** Dedupe key prefixes of the reminder and the two escalation levels (core's NOTICE_KEY_PREFIX). */
  prefixes: { reminder: string; escalation1: string; escalation2: string };
  /** Only these messages (a check of single messages). */
  requestIds?: string[];
  limit: number;
}

/**
 * Open messages of one city that are due a notice they have not had yet:
 * approaching without a reminder, breached without level 1, long breached
 * without level 2. A range scan of requests_open_deadline_idx plus one probe
 * of the outbox's unique key per notice, so already-notified breaches cost
 * little however many accumulate. Oldest deadline first.
 */
export function listDeadlineCandidates(tx: Tx, p: DeadlineCandidateQuery) {
  return tx
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      status: requests.status,
      unitId: requests.unitId,
      deadline: requests.deadline,
      deadlineIso,
    })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        isOpen,
        lte(requests.deadline, p.remindBefore),
        p.requestIds ? (p.requestIds.length ? inArray(requests.id, p.requestIds) : sql`false`) : undefined,
        or(
          and(gt(requests.deadline, p.breachedBefore), noticeMissing(p.prefixes.reminder)),
          and(lte(requests.deadline, p.breachedBefore), noticeMissing(p.prefixes.escalation1)),
          and(lt(requests.deadline, p.level2Before), noticeMissing(p.prefixes.escalation2)),
        ),
      ),
    )
    .orderBy(asc(requests.deadline), asc(requests.id))
    .limit(p.limit);
}

export interface DeadlineNoticeWrite {
  tenantId: string;
  requestId: string;
  topic: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** Timeline entry written only when the outbox row is new. */
  event: { type: string; at: Date; unitId: string | null; data: Record<string, unknown> };
}

/**
 * Writes one notice: the outbox row, and the timeline entry only if that row
 * was new. A concurrent writer of the same key waits on the unique index and
 * then writes nothing, so each notice happens exactly once.
 */
export async function recordDeadlineNotice(tx: Tx, p: DeadlineNoticeWrite): Promise<boolean> {
  const inserted = await tx
    .insert(outbox)
    .values({ tenantId: p.tenantId, topic: p.topic, dedupeKey: p.dedupeKey, payload: p.payload })
    .onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupeKey] })
    .returning({ id: outbox.id });
  if (!inserted.length) return false;
  await tx.insert(requestEvents).values({
    tenantId: p.tenantId,
    requestId: p.requestId,
    at: p.event.at,
    type: p.event.type,
    unitId: p.event.unitId,
    data: p.event.data,
  });
  return true;
}
