import { foreignKey, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { regions } from "./regions";

export type UnitKind = "hq" | "region_office" | "district_office" | "organisation" | "external_agency";

/** The organisation chart that handles messages. */
export const units = pgTable(
  "units",
  {
    tenantId: tenantId(),
    id: id(),
    code: text("code").notNull(),
    kind: text("kind").$type<UnitKind>().notNull(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    regionId: uuid("region_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("units_tenant_code_key").on(t.tenantId, t.code),
    foreignKey({
      name: "units_region_fk",
      columns: [t.tenantId, t.regionId],
      foreignColumns: [regions.tenantId, regions.id],
    }),
  ],
);
