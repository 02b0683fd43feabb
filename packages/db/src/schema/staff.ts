import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { CityRole } from "@city137/core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { units } from "./units";

/** A city's staff account. Never deleted: deactivated. */
export const staff = pgTable(
  "staff",
  {
    tenantId: tenantId(),
    id: id(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles").array().$type<CityRole[]>().notNull(),
    active: boolean("active").notNull().default(true),
    failedCount: integer("failed_count").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("staff_tenant_username_key").on(t.tenantId, sql`lower(${t.username})`),
    uniqueIndex("staff_tenant_email_key").on(t.tenantId, sql`lower(${t.email})`),
  ],
);

export const staffUnits = pgTable(
  "staff_units",
  {
    tenantId: tenantId(),
    staffId: uuid("staff_id").notNull(),
    unitId: uuid("unit_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.staffId, t.unitId] }),
    foreignKey({
      name: "staff_units_staff_fk",
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staff.tenantId, staff.id],
    }),
    foreignKey({
      name: "staff_units_unit_fk",
      columns: [t.tenantId, t.unitId],
      foreignColumns: [units.tenantId, units.id],
    }),
  ],
);
