import { and, asc, eq, sql } from "drizzle-orm";
import type { CityRole } from "@city137/core";
import type { Tx } from "../client";
import { staff, staffUnits } from "../schema";

const staffColumns = {
  id: staff.id,
  username: staff.username,
  displayName: staff.displayName,
  email: staff.email,
  roles: staff.roles,
  active: staff.active,
};

/** The account a login names, by user name or e-mail (case-insensitive). */
export async function findStaffByLogin(tx: Tx, p: { tenantId: string; login: string }) {
  const [row] = await tx
    .select()
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, p.tenantId),
        sql`(lower(${staff.username}) = ${p.login} or lower(${staff.email}) = ${p.login})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function setStaffLockState(
  tx: Tx,
  p: { tenantId: string; staffId: string; failedCount: number; lockedUntil: Date | null },
) {
  await tx
    .update(staff)
    .set({ failedCount: p.failedCount, lockedUntil: p.lockedUntil })
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.id, p.staffId)));
}

export async function staffUnitIds(tx: Tx, p: { tenantId: string; staffId: string }) {
  const rows = await tx
    .select({ unitId: staffUnits.unitId })
    .from(staffUnits)
    .where(and(eq(staffUnits.tenantId, p.tenantId), eq(staffUnits.staffId, p.staffId)));
  return rows.map((r) => r.unitId);
}

export async function getStaff(tx: Tx, p: { tenantId: string; staffId: string }) {
  const [row] = await tx
    .select(staffColumns)
    .from(staff)
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.id, p.staffId)));
  if (!row) return null;
  return { ...row, unitIds: await staffUnitIds(tx, p) };
}

export async function listStaff(tx: Tx, p: { tenantId: string }) {
  const rows = await tx
    .select({
      ...staffColumns,
      unitIds: sql<string[]>`coalesce((select array_agg(su.unit_id order by su.unit_id) from staff_units su
        where su.tenant_id = "staff"."tenant_id" and su.staff_id = "staff"."id"), '{}')`,
    })
    .from(staff)
    .where(eq(staff.tenantId, p.tenantId))
    .orderBy(asc(staff.username));
  return rows;
}

export async function updateStaffRoles(tx: Tx, p: { tenantId: string; staffId: string; roles: CityRole[] }) {
  await tx
    .update(staff)
    .set({ roles: p.roles })
    .where(and(eq(staff.tenantId, p.tenantId), eq(staff.id, p.staffId)));
}
