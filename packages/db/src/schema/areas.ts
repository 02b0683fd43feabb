import type { MultiPolygon, Polygon } from "geojson";
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";

export type AreaLevel = "region" | "district" | "neighbourhood";

/**
 * The city's divisions: منطقه (region) → ناحیه (district) → محله
 * (neighbourhood), each with an optional boundary (GeoJSON, WGS84).
 */
export const areas = pgTable(
  "areas",
  {
    tenantId: tenantId(),
    id: id(),
    level: text("level").$type<AreaLevel>().notNull(),
    code: text("code").notNull(),
    parentId: uuid("parent_id"),
    number: integer("number"),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    boundary: jsonb("boundary").$type<Polygon | MultiPolygon | null>(),
    /** Bounding box, kept with the boundary for quick map framing. */
    minLon: real("min_lon"),
    minLat: real("min_lat"),
    maxLon: real("max_lon"),
    maxLat: real("max_lat"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("areas_tenant_code_key").on(t.tenantId, t.code),
    foreignKey({ name: "areas_parent_fk", columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    index("areas_tenant_level_idx").on(t.tenantId, t.level),
  ],
);
