import { date, foreignKey, index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";

export type ProtectedReportStatus = "received" | "in_review" | "need_info" | "closed";

/**
 * A report from the protected channel (docs/decisions/017). Nothing here
 * names the reporter: no address, browser, account or mobile; dates only to
 * the Tehran day. The receipt is kept only as scrypt (`receipt_hash`) with its
 * first digits (`receipt_prefix`) to find the row. `body` is AES-256-GCM
 * ciphertext under the report's own data key, which is stored wrapped by the
 * city's inspector key (`wrapped_key`, version `key_version`).
 */
export const protectedReports = pgTable(
  "protected_reports",
  {
    tenantId: tenantId(),
    id: id(),
    /** A short number for inspectors to speak of it ("report 12"), per city. */
    number: integer("number").notNull(),
    receiptPrefix: text("receipt_prefix").notNull(),
    receiptHash: text("receipt_hash").notNull(),
    status: text("status").$type<ProtectedReportStatus>().notNull().default("received"),
    keyVersion: text("key_version").notNull(),
    wrappedKey: text("wrapped_key").notNull(),
    body: text("body").notNull(),
    receivedOn: date("received_on").notNull(),
    updatedOn: date("updated_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("protected_reports_number").on(t.tenantId, t.number),
    index("protected_reports_receipt_idx").on(t.tenantId, t.receiptPrefix),
  ],
);

/**
 * What was said after the report, in order: the reporter's additions and
 * answers, the inspectors' questions, photos. `content` is ciphertext under the
 * report's data key (text, or the re-encoded photo's bytes).
 */
export const protectedReportEntries = pgTable(
  "protected_report_entries",
  {
    tenantId: tenantId(),
    id: id(),
    reportId: uuid("report_id").notNull(),
    seq: integer("seq").notNull(),
    author: text("author").$type<"reporter" | "inspector">().notNull(),
    kind: text("kind").$type<"text" | "photo">().notNull(),
    /** Photos only: the re-encoded type and size (not secret; the bytes are). */
    mime: text("mime"),
    sizeBytes: integer("size_bytes"),
    content: text("content").notNull(),
    writtenOn: date("written_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("protected_report_entries_seq").on(t.tenantId, t.reportId, t.seq),
    foreignKey({ name: "protected_report_entries_report_fk", columns: [t.tenantId, t.reportId], foreignColumns: [protectedReports.tenantId, protectedReports.id] }),
  ],
);
