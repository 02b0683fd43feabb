import { claimOutboxBatch, isUuid, markOutboxFailed, markOutboxSent, OUTBOX_MAX_ATTEMPTS, withTenant, type Database } from "@city137/db";
import type { Dispatcher } from "./dispatcher";
import { silentLog, type JobLog } from "./log";

export interface RelayOptions {
  tenantId: string;
  dispatcher: Dispatcher;
  /** Instant the retry backoff is measured against. */
  now: Date;
  /** Attempts before a row becomes a dead letter (default 8). */
  maxAttempts?: number;
  /** Rows per transaction (default 100). */
  batchSize?: number;
  /** Backoff base: attempt n+1 waits (2^n - 1) × this after the row was written (default one minute). */
  retryBaseMs?: number;
  /** A dispatch that takes longer counts as failed (default 30 s). */
  dispatchTimeoutMs?: number;
  log?: JobLog;
}

export interface RelayResult {
  sent: number;
  failed: number;
  /** Rows whose failure used up their last attempt. */
  dead: number;
}

export const RELAY_DEFAULTS = { maxAttempts: OUTBOX_MAX_ATTEMPTS, batchSize: 100, retryBaseMs: 60_000, dispatchTimeoutMs: 30_000 };
const MAX_ROUNDS = 20;

/**
 * Relays one city's outbox: oldest unsent rows first, locked with SKIP LOCKED
 * so parallel relays never take the same row; each is handed to the
 * dispatcher and marked sent, or its attempts and last error are recorded.
 * A row out of attempts stays unsent (a dead letter, see listDeadOutbox).
 */
export async function relayOutbox(db: Database, opts: RelayOptions): Promise<RelayResult> {
  const result: RelayResult = { sent: 0, failed: 0, dead: 0 };
  if (!isUuid(opts.tenantId)) return result;
  const { tenantId, dispatcher } = opts;
  const cfg = { ...RELAY_DEFAULTS, ...definedOnly(opts) };
  const log = opts.log ?? silentLog;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sentBefore = result.sent;
    const claimed = await withTenant(db, tenantId, async (tx) => {
      const rows = await claimOutboxBatch(tx, { tenantId, maxAttempts: cfg.maxAttempts, limit: cfg.batchSize, now: opts.now, retryBaseMs: cfg.retryBaseMs });
      for (const row of rows) {
        try {
          await withTimeout(
            dispatcher.dispatch({ tenantId, id: row.id, topic: row.topic, dedupeKey: row.dedupeKey, payload: row.payload, attempt: row.attempts + 1, tx }),
            cfg.dispatchTimeoutMs,
          );
          await markOutboxSent(tx, { tenantId, id: row.id });
          result.sent++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const attempts = await markOutboxFailed(tx, { tenantId, id: row.id, error: message });
          result.failed++;
          if (attempts >= cfg.maxAttempts) {
            result.dead++;
            log.error({ tenantId, outboxId: row.id, topic: row.topic, attempts, error: message }, "outbox message gave up after its last attempt");
          } else {
            log.warn({ tenantId, outboxId: row.id, topic: row.topic, attempts, error: message }, "outbox message failed; will retry");
          }
        }
      }
      return rows.length;
    });
    // More may wait behind a full batch; a round that sent nothing would only retry the same rows.
    if (claimed < cfg.batchSize || result.sent === sentBefore) break;
  }
  return result;
}

function definedOnly(o: RelayOptions) {
  const out: Partial<typeof RELAY_DEFAULTS> = {};
  for (const k of Object.keys(RELAY_DEFAULTS) as Array<keyof typeof RELAY_DEFAULTS>) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`dispatch timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
