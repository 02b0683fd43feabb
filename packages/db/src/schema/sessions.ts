import { foreignKey, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { staff } from "./staff";

/** A signed-in staff session; only the SHA-256 of its secret is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tenantId: tenantId(),
    id: id(),
    tokenHash: text("token_hash").notNull(),
    staffId: uuid("staff_id").notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("sessions_tenant_token_key").on(t.tenantId, t.tokenHash),
    foreignKey({
      name: "sessions_staff_fk",
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staff.tenantId, staff.id],
    }),
  ],
);
