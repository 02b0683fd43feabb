import { bigint, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantId } from "./columns";
import { requests } from "./requests";

/**
 * The words of each message's description (normalised, lower-cased), written
 * by a trigger on requests (migration 0013). Search looks words up here by
 * prefix through a btree with text_pattern_ops: its comparison operators are
 * leakproof, so the index is used under row-level security, which LIKE on
 * the description's trigram index is not (docs/decisions/010, 015).
 *
 * Each entry carries its message's place in the result list (created_at,
 * seq: the list is newest first, seq breaking ties), and the key orders each
 * word's entries by it, so the lists of several words can be merged newest
 * first and a page stops after its matches (docs/decisions/033). Written by
 * the trigger with the message, and kept in step if either is ever changed.
 */
export const requestWords = pgTable(
  "request_words",
  {
    tenantId: tenantId(),
    word: text("word").notNull(),
    requestId: uuid("request_id").notNull(),
    /** The message's created_at and seq (the list's order: newest first, then seq). */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
  },
  (t) => [
    // Each word's entries in the list's order (read backwards: newest first); request_id last
    // keeps index-only scans for the plans that need only ids (docs/decisions/030, 033).
    primaryKey({ name: "request_words_pkey", columns: [t.tenantId, t.word, t.createdAt, t.seq, t.requestId] }),
    // Newest-first search of a common word walks requests by date and probes here per message
    // (migration 0015): without it the probe scanned every entry of the word.
    index("request_words_request_idx").on(t.tenantId, t.requestId, t.word),
    foreignKey({ name: "request_words_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }).onDelete("cascade"),
  ],
);
