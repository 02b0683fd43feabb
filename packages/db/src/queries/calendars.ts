import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "../client";
import { holidays, slaCalendars } from "../schema";

export function listCalendars(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(slaCalendars).where(eq(slaCalendars.tenantId, p.tenantId)).orderBy(asc(slaCalendars.createdAt));
}

export async function updateCalendar(
  tx: Tx,
  p: { tenantId: string; calendarId: string; mode: "business" | "24x7"; week: Array<Array<{ start: string; end: string }>> },
) {
  const [row] = await tx
    .update(slaCalendars)
    .set({ mode: p.mode, week: p.week })
    .where(and(eq(slaCalendars.tenantId, p.tenantId), eq(slaCalendars.id, p.calendarId)))
    .returning();
  return row ?? null;
}

export function listHolidays(tx: Tx, p: { tenantId: string; jalaliYear?: number }) {
  return tx
    .select({ id: holidays.id, date: holidays.date, jalaliYear: holidays.jalaliYear, nameFa: holidays.nameFa, nameEn: holidays.nameEn })
    .from(holidays)
    .where(and(eq(holidays.tenantId, p.tenantId), p.jalaliYear ? eq(holidays.jalaliYear, p.jalaliYear) : undefined))
    .orderBy(asc(holidays.date));
}

/** Replaces one Jalali year's holidays as a whole. */
export async function replaceHolidays(
  tx: Tx,
  p: { tenantId: string; jalaliYear: number; rows: Array<{ date: string; nameFa: string; nameEn: string }> },
) {
  await tx.delete(holidays).where(and(eq(holidays.tenantId, p.tenantId), eq(holidays.jalaliYear, p.jalaliYear)));
  if (p.rows.length) {
    await tx.insert(holidays).values(p.rows.map((r) => ({ ...r, tenantId: p.tenantId, jalaliYear: p.jalaliYear })));
  }
}

/** A unit's own calendar, starting as a copy of `from`. */
export async function insertUnitCalendar(tx: Tx, p: { tenantId: string; unitId: string; name: string; from: { mode: "business" | "24x7"; week: Array<Array<{ start: string; end: string }>> } }) {
  const [row] = await tx.insert(slaCalendars).values({ tenantId: p.tenantId, unitId: p.unitId, name: p.name, mode: p.from.mode, week: p.from.week }).returning();
  return row!;
}

/** Removes a unit's calendar (the unit falls back to the city's); the city's own calendar is never removed here. */
export async function deleteUnitCalendar(tx: Tx, p: { tenantId: string; calendarId: string }) {
  const [row] = await tx
    .delete(slaCalendars)
    .where(and(eq(slaCalendars.tenantId, p.tenantId), eq(slaCalendars.id, p.calendarId), isNotNull(slaCalendars.unitId)))
    .returning();
  return row ?? null;
}
