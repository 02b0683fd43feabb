import { integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";

/** منطقه: first-level division of a city. */
export const regions = pgTable(
  "regions",
  {
    tenantId: tenantId(),
    id: id(),
    code: text("code").notNull(),
    number: integer("number").notNull(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("regions_tenant_code_key").on(t.tenantId, t.code),
  ],
);
