import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { id, tenantId, tstz } from "./columns";

/**
 * Append-only: the runtime role may insert and read, never update or delete
 * (see sql/hardening.sql). actor_staff_id has no foreign key on purpose: the
 * record must outlive anything it mentions.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    tenantId: tenantId(),
    id: id(),
    at: tstz("at").notNull().defaultNow(),
    actorStaffId: uuid("actor_staff_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: jsonb("detail"),
    ip: text("ip"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("audit_log_tenant_at_idx").on(t.tenantId, t.at)],
);
