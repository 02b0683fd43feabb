import { foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { DirectSessionStatus } from "@city137/core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { staff } from "./staff";
import { units } from "./units";

/**
 * One dated "citizen asks, manager answers" session (docs/decisions/021): a
 * named manager answers callers live; their questions are messages of channel
 * direct_session pointing here (requests.direct_session_id), referred to the
 * session's unit. Times are instants; the console and portal show them in
 * Tehran time.
 */
export const directSessions = pgTable(
  "direct_sessions",
  {
    tenantId: tenantId(),
    id: id(),
    managerStaffId: uuid("manager_staff_id").notNull(),
    /** The title shown publicly beside the manager's name. */
    managerTitleFa: text("manager_title_fa").notNull(),
    managerTitleEn: text("manager_title_en").notNull(),
    /** Where the questions go: the manager's unit. */
    unitId: uuid("unit_id").notNull(),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    status: text("status").$type<DirectSessionStatus>().notNull().default("scheduled"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "direct_sessions_manager_fk", columns: [t.tenantId, t.managerStaffId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ name: "direct_sessions_unit_fk", columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index("direct_sessions_starts_idx").on(t.tenantId, t.startsAt),
  ],
);
