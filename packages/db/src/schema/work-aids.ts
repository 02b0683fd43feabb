import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { categories } from "./categories";
import { staff } from "./staff";

/**
 * پاسخ آماده: a ready answer a unit starts from when it resolves or rejects a
 * message. Tied to a category (and offered for its sub-categories too) or,
 * with no category, offered everywhere.
 */
export const responseTemplates = pgTable(
  "response_templates",
  {
    tenantId: tenantId(),
    id: id(),
    categoryId: uuid("category_id"),
    titleFa: text("title_fa").notNull(),
    titleEn: text("title_en").notNull(),
    /** The answer as the citizen reads it (in the city's language). */
    body: text("body").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "response_templates_category_fk", columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    index("response_templates_category_idx").on(t.tenantId, t.categoryId),
  ],
);

/** A queue search a staff member keeps under a name (their own; a supervisor may share one with the city). */
export const savedFilters = pgTable(
  "saved_filters",
  {
    tenantId: tenantId(),
    id: id(),
    staffId: uuid("staff_id").notNull(),
    name: text("name").notNull(),
    /** The queue page's query parameters, as given. */
    query: jsonb("query").$type<Record<string, string>>().notNull(),
    shared: boolean("shared").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("saved_filters_owner_name").on(t.tenantId, t.staffId, t.name),
    foreignKey({ name: "saved_filters_staff_fk", columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
  ],
);
