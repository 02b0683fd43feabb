import { dayOfIsoDate, fromTehranDayMinute, isoDateOfDay, parseClock, tehranDayAndMinute, weekdayOfDay } from "../calendar/tehran-time";

/**
 * "Citizen asks, manager answers" sessions (docs/decisions/021): the timetable
 * rules. A session is one dated slot in Tehran time; a weekly series is just
 * that many dated sessions, each on its own afterwards (cancel one, keep the rest).
 */
export const DIRECT_SESSION_STATUSES = ["scheduled", "live", "ended", "published", "cancelled"] as const;
export type DirectSessionStatus = (typeof DIRECT_SESSION_STATUSES)[number];

export const DIRECT_SESSION_ACTIONS = ["start", "end", "publish", "cancel"] as const;
export type DirectSessionAction = (typeof DIRECT_SESSION_ACTIONS)[number];

const STEPS: Record<DirectSessionAction, { from: readonly DirectSessionStatus[]; to: DirectSessionStatus }> = {
  start: { from: ["scheduled"], to: "live" },
  end: { from: ["live"], to: "ended" },
  publish: { from: ["ended"], to: "published" },
  cancel: { from: ["scheduled"], to: "cancelled" },
};

export function directSessionStep(from: DirectSessionStatus, action: DirectSessionAction): DirectSessionStatus | null {
  const s = STEPS[action];
  return s.from.includes(from) ? s.to : null;
}

/** The most sessions one "repeat weekly" creates (a year). */
export const MAX_WEEKLY_REPEAT = 52;

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** A Tehran date ("YYYY-MM-DD") and two clock times ("HH:MM") as instants; null if end is not after start. */
export function slotOf(date: string, start: string, end: string): Slot | null {
  const day = dayOfIsoDate(date);
  const from = parseClock(start);
  const to = parseClock(end);
  if (!(to > from)) return null;
  return { startsAt: fromTehranDayMinute(day, from), endsAt: fromTehranDayMinute(day, to) };
}

/** The same slot in each of the next `count` weeks (the given one first), at the same Tehran clock time. */
export function weeklySlots(first: Slot, count: number): Slot[] {
  const start = tehranDayAndMinute(first.startsAt);
  const length = first.endsAt.getTime() - first.startsAt.getTime();
  return Array.from({ length: count }, (_, i) => {
    const startsAt = fromTehranDayMinute(start.day + 7 * i, start.minute);
    return { startsAt, endsAt: new Date(startsAt.getTime() + length) };
  });
}

/** Two slots overlap when each starts before the other ends (back to back is fine). */
export function overlaps(a: Slot, b: Slot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The first of `wanted` that overlaps one of the manager's `existing` sessions (cancelled ones left out by the caller). */
export function firstClash(wanted: Slot[], existing: Slot[]): Slot | null {
  return wanted.find((w) => existing.some((e) => overlaps(w, e))) ?? null;
}

/** What the console and portal show: the Tehran date, weekday (0 Sunday … 6 Saturday) and clock times. */
export function tehranSlot(s: Slot): { date: string; weekday: number; start: string; end: string } {
  const a = tehranDayAndMinute(s.startsAt);
  const b = tehranDayAndMinute(s.endsAt);
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return { date: isoDateOfDay(a.day), weekday: weekdayOfDay(a.day), start: clock(a.minute), end: clock(b.day > a.day ? 1440 : b.minute) };
}
