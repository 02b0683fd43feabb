import { boolean, foreignKey, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { MessageKind, Priority } from "@city137/core";
import { createdAt, id, tenantId } from "./columns";

/** A question asked at intake; the same model as an Open311 service attribute. */
export interface CategoryAttribute {
  code: string;
  datatype: "string" | "text" | "number" | "datetime" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  order: number;
  labelFa: string;
  labelEn: string;
  values?: Array<{ key: string; nameFa: string; nameEn: string }>;
}

/** موضوع: a tree such as خدمات شهری › پسماند › جمع‌آوری زباله. */
export const categories = pgTable(
  "categories",
  {
    tenantId: tenantId(),
    id: id(),
    code: text("code").notNull(),
    parentId: uuid("parent_id"),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionFa: text("description_fa").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    icon: text("icon"),
    kinds: text("kinds").array().$type<MessageKind[]>().notNull(),
    priority: text("priority").$type<Priority>().notNull().default("normal"),
    /** Target in working minutes of the SLA calendar; null = inherit from the parent. */
    slaMinutes: integer("sla_minutes"),
    public: boolean("public").notNull().default(true),
    /** Set when the category belongs to a non-municipal agency (water, power, gas, police…). */
    externalAgency: text("external_agency"),
    attributes: jsonb("attributes").$type<CategoryAttribute[]>().notNull().default([]),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("categories_tenant_code_key").on(t.tenantId, t.code),
    foreignKey({ name: "categories_parent_fk", columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
  ],
);
