import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { AttachmentKind, AttachmentPurpose } from "@city137/core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { requests } from "./requests";

/**
 * A file on a citizen message: the citizen's photos, documents and voice
 * notes, or the unit's proof of work. The bytes live in the file store under
 * `storage_key`, which the database itself holds to
 * `<tenant_id>/<request_id>/<id>`. A removed attachment keeps its row (who,
 * when, what) and loses its bytes.
 */
export const attachments = pgTable(
  "attachments",
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid("request_id").notNull(),
    purpose: text("purpose").$type<AttachmentPurpose>().notNull(),
    kind: text("kind").$type<AttachmentKind>().notNull(),
    mime: text("mime").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** Hex SHA-256 of the stored bytes (after re-encoding, for photos). */
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    /** Sanitised, with the extension of the detected type. */
    originalName: text("original_name").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** Staff id; no foreign key, like the audit log: the record outlives what it mentions. */
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    removedAt: tstz("removed_at"),
    removedBy: uuid("removed_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "attachments_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    unique("attachments_tenant_storage_key").on(t.tenantId, t.storageKey),
    index("attachments_request_idx").on(t.tenantId, t.requestId),
    check("attachments_storage_key_check", sql`${t.storageKey} = ${t.tenantId}::text || '/' || ${t.requestId}::text || '/' || ${t.id}::text`),
    check("attachments_kind_check", sql`${t.kind} in ('photo', 'document', 'audio')`),
    check("attachments_purpose_check", sql`${t.purpose} in ('citizen', 'proof')`),
    check("attachments_size_check", sql`${t.sizeBytes} > 0`),
  ],
);
