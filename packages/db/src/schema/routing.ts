import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { RoutingTree } from "@city137/core";
import { createdAt, id, tenantId, tstz } from "./columns";

export type RoutingStatus = "draft" | "published" | "archived";

/**
 * Versions of the routing tree. Edits change the one draft; publishing makes
 * it live (the previous live version is archived); restoring copies an old
 * version into a new draft. Every message records the version that routed it.
 */
export const routingVersions = pgTable(
  "routing_versions",
  {
    tenantId: tenantId(),
    id: id(),
    number: integer("number").notNull(),
    status: text("status").$type<RoutingStatus>().notNull(),
    tree: jsonb("tree").$type<RoutingTree>().notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    publishedBy: uuid("published_by"),
    publishedAt: tstz("published_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("routing_versions_tenant_number_key").on(t.tenantId, t.number),
    uniqueIndex("routing_versions_one_live").on(t.tenantId).where(sql`status = 'published'`),
    uniqueIndex("routing_versions_one_draft").on(t.tenantId).where(sql`status = 'draft'`),
  ],
);
