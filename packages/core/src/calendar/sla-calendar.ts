import { dayOfIsoDate, fromTehranDayMinute, parseClock, tehranDayAndMinute, weekdayOfDay } from "./tehran-time";

/** Working hours of one weekday, as "HH:MM" pairs; an empty list is a day off. */
export type DayHours = Array<{ start: string; end: string }>;

export interface SlaCalendarConfig {
  /** "24x7" counts every minute (urgent categories, HQ). */
  mode: "business" | "24x7";
  /** Index 0 Sunday … 5 Friday, 6 Saturday. */
  week: [DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours];
  /** Gregorian "YYYY-MM-DD" dates in Tehran that are not worked. */
  holidays: string[];
}

/** The Iranian working week: Saturday–Wednesday full days, Thursday half, Friday off. */
export function iranianWeek(opts: { thursday: "half" | "off" | "full" } = { thursday: "half" }): SlaCalendarConfig["week"] {
  const full = [{ start: "08:00", end: "16:00" }];
  const thursday = opts.thursday === "off" ? [] : opts.thursday === "half" ? [{ start: "08:00", end: "12:00" }] : full;
  return [full, full, full, full, thursday, [], full];
}

interface Compiled {
  mode: "business" | "24x7";
  week: Array<Array<[number, number]>>;
  holidays: Set<number>;
}

export class SlaCalendarError extends Error {}

/** Checks and compiles a calendar once; the result answers in microseconds. */
export function compileCalendar(config: SlaCalendarConfig): Compiled {
  if (config.week.length !== 7) throw new SlaCalendarError("week must list 7 days");
  const week = config.week.map((hours, i) => {
    const spans = hours.map((h) => [parseClock(h.start), parseClock(h.end)] as [number, number]);
    spans.sort((a, b) => a[0] - b[0]);
    spans.forEach(([s, e], j) => {
      if (e <= s) throw new SlaCalendarError(`day ${i}: working hours end before they start`);
      if (j > 0 && s < spans[j - 1]![1]) throw new SlaCalendarError(`day ${i}: working hours overlap`);
    });
    return spans;
  });
  if (config.mode === "business" && week.every((d) => d.length === 0)) {
    throw new SlaCalendarError("a business calendar needs at least one working day");
  }
  return { mode: config.mode, week, holidays: new Set(config.holidays.map(dayOfIsoDate)) };
}

const MAX_DAYS = 3 * 366; // no SLA runs longer; guards against a calendar with no working time left

/**
 * The instant that lies `minutes` of working time after `start`. Work that
 * is due at the very end of a working span is due then, not at the next
 * opening.
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: Compiled): Date {
  if (!(minutes > 0)) throw new SlaCalendarError("an SLA must be longer than zero");
  if (cal.mode === "24x7") return new Date(start.getTime() + minutes * 60_000);
  let { day, minute } = tehranDayAndMinute(start);
  let left = minutes;
  for (let i = 0; i < MAX_DAYS; i++, day++, minute = 0) {
    if (cal.holidays.has(day)) continue;
    for (const [s, e] of cal.week[weekdayOfDay(day)]!) {
      if (e <= minute) continue;
      const from = Math.max(s, minute);
      if (from + left <= e) return fromTehranDayMinute(day, from + left);
      left -= e - from;
    }
  }
  throw new SlaCalendarError("the calendar has no working time within three years");
}

/** Working minutes between two instants (0 when `to` is before `from`). */
export function workingMinutesBetween(from: Date, to: Date, cal: Compiled): number {
  if (to <= from) return 0;
  if (cal.mode === "24x7") return Math.floor((to.getTime() - from.getTime()) / 60_000);
  const a = tehranDayAndMinute(from);
  const b = tehranDayAndMinute(to);
  let total = 0;
  for (let day = a.day; day <= b.day && day - a.day < MAX_DAYS; day++) {
    if (cal.holidays.has(day)) continue;
    const lo = day === a.day ? a.minute : 0;
    const hi = day === b.day ? b.minute : 1440;
    for (const [s, e] of cal.week[weekdayOfDay(day)]!) total += Math.max(0, Math.min(e, hi) - Math.max(s, lo));
  }
  return total;
}

export type CompiledCalendar = Compiled;
