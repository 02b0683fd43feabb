import { and, asc, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { outbox } from "../schema";

/** After this many failed attempts a row is no longer retried: it is a dead letter, listed for staff. */
export const OUTBOX_MAX_ATTEMPTS = 8;

/**
 * Takes the oldest unsent rows of one city that still have attempts left and
 * whose next attempt is due, locked for this transaction; rows another relay
 * holds are skipped, so relays on several workers share the work without
 * sending a row twice. Backoff without extra columns: attempt n+1 waits until
 * (2^n - 1) × retryBaseMs after the row was written (0, 1, 3, 7, … minutes
 * with a one-minute base).
 */
export function claimOutboxBatch(tx: Tx, p: { tenantId: string; maxAttempts: number; limit: number; now: Date; retryBaseMs: number }) {
  return tx
    .select({
      id: outbox.id,
      topic: outbox.topic,
      dedupeKey: outbox.dedupeKey,
      payload: outbox.payload,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.tenantId, p.tenantId),
        isNull(outbox.sentAt),
        lt(outbox.attempts, p.maxAttempts),
        sql`${outbox.createdAt} + (power(2, ${outbox.attempts}) - 1) * ${p.retryBaseMs}::double precision * interval '1 millisecond' <= ${p.now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(p.limit)
    .for("update", { skipLocked: true });
}

export async function markOutboxSent(tx: Tx, p: { tenantId: string; id: string }) {
  await tx
    .update(outbox)
    .set({ sentAt: sql`now()`, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(and(eq(outbox.tenantId, p.tenantId), eq(outbox.id, p.id)));
}

/** One more failed attempt; returns the attempts so far. */
export async function markOutboxFailed(tx: Tx, p: { tenantId: string; id: string; error: string }): Promise<number> {
  const [row] = await tx
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: p.error.slice(0, 2000) })
    .where(and(eq(outbox.tenantId, p.tenantId), eq(outbox.id, p.id)))
    .returning({ attempts: outbox.attempts });
  return row?.attempts ?? 0;
}

/** Dead letters: never sent and out of attempts, newest first. */
export function listDeadOutbox(tx: Tx, p: { tenantId: string; maxAttempts?: number; limit?: number }) {
  return tx
    .select({
      id: outbox.id,
      topic: outbox.topic,
      dedupeKey: outbox.dedupeKey,
      payload: outbox.payload,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(eq(outbox.tenantId, p.tenantId), isNull(outbox.sentAt), gte(outbox.attempts, p.maxAttempts ?? OUTBOX_MAX_ATTEMPTS)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(p.limit ?? 100);
}

/**
 * Gives a dead letter a fresh set of attempts, due at once: its backoff
 * restarts from now (the database's clock, like the row's first writing).
 * Only a row that is still dead changes: a second resend, or one of a row
 * already sent, returns null — so resending twice sends once.
 */
export async function requeueDeadOutbox(tx: Tx, p: { tenantId: string; id: string; maxAttempts?: number }) {
  const [row] = await tx
    .update(outbox)
    .set({ attempts: 0, createdAt: sql`now()`, lastError: null })
    .where(and(eq(outbox.tenantId, p.tenantId), eq(outbox.id, p.id), isNull(outbox.sentAt), gte(outbox.attempts, p.maxAttempts ?? OUTBOX_MAX_ATTEMPTS)))
    .returning({ id: outbox.id, topic: outbox.topic, dedupeKey: outbox.dedupeKey });
  return row ?? null;
}

export async function getOutboxRow(tx: Tx, p: { tenantId: string; id: string }) {
  const [row] = await tx.select().from(outbox).where(and(eq(outbox.tenantId, p.tenantId), eq(outbox.id, p.id)));
  return row ?? null;
}
