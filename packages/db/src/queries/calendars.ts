import { and, asc, eq } from "drizzle-orm";
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
