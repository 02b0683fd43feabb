import { addWorkingMinutes, compileCalendar, iranianWeek, type Priority, type SlaCalendarConfig } from "@city137/core";
import { listCalendars, listHolidays, type Tx } from "@city137/db";

const DEFAULT_SLA_MINUTES = 3 * 8 * 60; // three working days when no category in the path sets one

/** The category's SLA, inherited from the nearest ancestor that sets one. */
export function slaOf(categoryPath: Array<{ slaMinutes: number | null }>): number {
  for (let i = categoryPath.length - 1; i >= 0; i--) {
    const m = categoryPath[i]!.slaMinutes;
    if (m && m > 0) return m;
  }
  return DEFAULT_SLA_MINUTES;
}

/** Urgent work counts every minute. */
export const ROUND_THE_CLOCK = compileCalendar({ mode: "24x7", week: iranianWeek(), holidays: [] });

/** The receiving unit's calendar, else the city's, with the city's holidays. */
export function calendarFor(
  calendars: Array<{ unitId: string | null; mode: string; week: unknown }>,
  holidays: Array<{ date: string }>,
  unitId: string | null,
): { key: string | null; config: SlaCalendarConfig } {
  const chosen = calendars.find((c) => c.unitId === unitId) ?? calendars.find((c) => c.unitId === null);
  return {
    key: chosen?.unitId ?? null,
    config: {
      mode: (chosen?.mode ?? "business") as SlaCalendarConfig["mode"],
      week: (chosen?.week ?? iranianWeek()) as SlaCalendarConfig["week"],
      holidays: holidays.map((h) => h.date),
    },
  };
}

/**
 * The deadline of work that starts now: urgent work counts every minute;
 * other work counts the receiving unit's calendar (else the city's) and the
 * city's holidays.
 */
export async function computeDeadline(tx: Tx, p: { tenantId: string; unitId: string | null; priority: Priority; minutes: number; from: Date }) {
  if (p.priority === "urgent") return addWorkingMinutes(p.from, p.minutes, ROUND_THE_CLOCK);
  const [calendars, holidays] = await Promise.all([listCalendars(tx, { tenantId: p.tenantId }), listHolidays(tx, { tenantId: p.tenantId })]);
  return addWorkingMinutes(p.from, p.minutes, compileCalendar(calendarFor(calendars, holidays, p.unitId).config));
}
