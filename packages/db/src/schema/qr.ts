import { bigint, doublePrecision, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { units } from "./units";

export type QrPlaceKind = "place" | "vehicle" | "line" | "kiosk" | "office";

/**
 * A QR code printed on a bus, a kiosk or an office door: opens the city's
 * portal with the place, unit and suggested categories filled in. Revoked,
 * never deleted, so counts and messages keep pointing at it.
 */
export const qrCodes = pgTable(
  "qr_codes",
  {
    tenantId: tenantId(),
    id: id(),
    /** Short signed code in the URL: random part + signature (see core/qr). */
    code: text("code").notNull(),
    label: text("label").notNull(),
    placeKind: text("place_kind").$type<QrPlaceKind>().notNull(),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    unitId: uuid("unit_id"),
    categoryIds: uuid("category_ids").array().notNull().default([]),
    scans: bigint("scans", { mode: "number" }).notNull().default(0),
    /** Messages registered from this code (replays of one submission count once). */
    messages: bigint("messages", { mode: "number" }).notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("qr_codes_code").on(t.tenantId, t.code),
    foreignKey({ name: "qr_codes_unit_fk", columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index("qr_codes_created_idx").on(t.tenantId, t.createdAt),
  ],
);
