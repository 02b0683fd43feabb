import { date, foreignKey, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { DayHours } from "@city137/core";
import { createdAt, id, tenantId } from "./columns";
import { units } from "./units";

/** Working days and hours; unit_id null = the city's default calendar. */
export const slaCalendars = pgTable(
  "sla_calendars",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    mode: text("mode").$type<"business" | "24x7">().notNull().default("business"),
    week: jsonb("week").$type<DayHours[]>().notNull(),
    unitId: uuid("unit_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("sla_calendars_tenant_unit_key").on(t.tenantId, t.unitId).nullsNotDistinct(),
    foreignKey({ name: "sla_calendars_unit_fk", columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
  ],
);

/** The city's official holidays, edited per Jalali year. */
export const holidays = pgTable(
  "holidays",
  {
    tenantId: tenantId(),
    id: id(),
    date: date("date").notNull(),
    jalaliYear: integer("jalali_year").notNull(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique("holidays_tenant_date_key").on(t.tenantId, t.date)],
);
