import { foreignKey, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { staff } from "./staff";

/**
 * An Open311 API key of one city, issued by the city's admin to an
 * integrator. Only the SHA-256 of the secret is stored; the secret is shown
 * once, when the key is made. A key is revoked, never deleted, so the
 * messages it brought in keep pointing at it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: tenantId(),
    id: id(),
    label: text("label").notNull(),
    /** Hex SHA-256 of the whole secret. */
    keyHash: text("key_hash").notNull(),
    /** The secret's first characters, for telling keys apart on screen. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    revokedAt: tstz("revoked_at"),
    lastUsedAt: tstz("last_used_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("api_keys_tenant_hash_key").on(t.tenantId, t.keyHash),
    foreignKey({ name: "api_keys_created_by_fk", columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    index("api_keys_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);
