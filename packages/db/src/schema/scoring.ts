import { foreignKey, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { SubScore } from "@city137/core";
import { createdAt, id, tenantId } from "./columns";
import { staff } from "./staff";

/**
 * فرمول ارزیابی: the city's scoring formula, one row per version (ADR 013).
 * Rows are never changed: saving new weights adds the next version, so a
 * ranking that names its version can always be computed again.
 */
export const scoringFormulas = pgTable(
  "scoring_formulas",
  {
    tenantId: tenantId(),
    id: id(),
    version: integer("version").notNull(),
    weights: jsonb("weights").$type<Record<SubScore, number>>().notNull(),
    minVolume: integer("min_volume").notNull(),
    targetHours: integer("target_hours").notNull(),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("scoring_formulas_tenant_version_key").on(t.tenantId, t.version),
    foreignKey({ name: "scoring_formulas_created_by_fk", columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
  ],
);
