import type { Tx } from "@city137/db";
import type { JobLog } from "./log";

/** One outbox row on its way out. */
export interface OutboxMessage {
  tenantId: string;
  id: string;
  topic: string;
  /** Stable per notification: a provider that supports idempotency should be given it. */
  dedupeKey: string;
  payload: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * The relay's transaction (the city's, holding the row): a dispatcher records
   * what it sent here, in a savepoint. A second transaction would wait for this
   * one on PGlite's single connection.
   */
  tx?: Tx;
}

/**
 * Hands an outbox row to whatever sends it (SMS, e-mail, webhook). Resolving
 * marks the row sent; throwing counts a failed attempt. Delivery is at least
 * once: a crash between sending and the commit sends the row again.
 */
export interface Dispatcher {
  dispatch(message: OutboxMessage): Promise<void>;
}

/**
 * The default until real providers exist: records each message in the log
 * (topic, city, ids and the payload's field names, never its values, which
 * hold mobile numbers) and reports success.
 */
export function loggingDispatcher(log: JobLog): Dispatcher {
  return {
    dispatch: async (m) => {
      const fields = m.payload && typeof m.payload === "object" ? Object.keys(m.payload) : [];
      log.info({ tenantId: m.tenantId, outboxId: m.id, topic: m.topic, dedupeKey: m.dedupeKey, attempt: m.attempt, fields }, "outbox message (logging dispatcher)");
    },
  };
}
