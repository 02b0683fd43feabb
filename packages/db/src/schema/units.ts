import { boolean, foreignKey, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { areas } from "./areas";

export type UnitKind = "hq" | "region_office" | "district_office" | "organisation" | "external_agency";

/** The organisation chart that handles messages. Deactivated, never deleted. */
export const units = pgTable(
  "units",
  {
    tenantId: tenantId(),
    id: id(),
    code: text("code").notNull(),
    kind: text("kind").$type<UnitKind>().notNull(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    /** The region or district an office serves. */
    areaId: uuid("area_id"),
    parentUnitId: uuid("parent_unit_id"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("units_tenant_code_key").on(t.tenantId, t.code),
    foreignKey({ name: "units_area_fk", columns: [t.tenantId, t.areaId], foreignColumns: [areas.tenantId, areas.id] }),
    foreignKey({ name: "units_parent_fk", columns: [t.tenantId, t.parentUnitId], foreignColumns: [t.tenantId, t.id] }),
  ],
);
