import { foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tenantId } from "./columns";
import { requests } from "./requests";

/**
 * The words of each message's description (normalised, lower-cased), written
 * by a trigger on requests (migration 0013). Search looks words up here by
 * prefix through a btree with text_pattern_ops: its comparison operators are
 * leakproof, so the index is used under row-level security, which LIKE on
 * the description's trigram index is not (docs/decisions/010, 015).
 */
export const requestWords = pgTable(
  "request_words",
  {
    tenantId: tenantId(),
    word: text("word").notNull(),
    requestId: uuid("request_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "request_words_pkey", columns: [t.tenantId, t.word, t.requestId] }),
    // Newest-first search of a common word walks requests by date and probes here per message
    // (migration 0015): without it the probe scanned every entry of the word.
    index("request_words_request_idx").on(t.tenantId, t.requestId, t.word),
    foreignKey({ name: "request_words_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }).onDelete("cascade"),
  ],
);
