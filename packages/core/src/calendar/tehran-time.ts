/**
 * Tehran local time. Iran abolished daylight saving in 2022, so local time is
 * UTC+03:30 all year; a fixed offset keeps the arithmetic exact and cheap.
 * (Deadlines before 2022-09 are not computed by this platform.)
 */
export const TEHRAN_OFFSET_MINUTES = 210;
const DAY_MS = 86_400_000;
const OFFSET_MS = TEHRAN_OFFSET_MINUTES * 60_000;

/** Days since 1970-01-01 in Tehran, and the minute within that day. */
export function tehranDayAndMinute(at: Date): { day: number; minute: number } {
  const local = at.getTime() + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / 60_000) };
}

/** The instant at a Tehran day and minute. */
export function fromTehranDayMinute(day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * 60_000 - OFFSET_MS);
}

/** Weekday of a Tehran day: 0 Sunday … 5 Friday, 6 Saturday (as Date#getUTCDay). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** "YYYY-MM-DD" (Gregorian) of a Tehran day. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfIsoDate(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** "HH:MM" to minutes after midnight; throws on anything else. */
export function parseClock(value: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`not a time of day: ${value}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440) throw new RangeError(`not a time of day: ${value}`);
  return minutes;
}
