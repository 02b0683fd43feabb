import { isoDateToJalali, jalaliToIsoDate, type JalaliDate } from "../calendar/jalali";
import { isoDateOfDay, tehranDayAndMinute } from "../calendar/tehran-time";

/** A Jalali month as Gregorian ISO dates, both inclusive. */
export interface BillingPeriod {
  jy: number;
  jm: number;
  start: string;
  end: string;
}

function monthLength(jy: number, jm: number): number {
  if (jm <= 6) return 31;
  if (jm <= 11) return 30;
  return jalaliToIsoDate({ jy, jm: 12, jd: 30 }) ? 30 : 29;
}

export function jalaliMonth(jy: number, jm: number): BillingPeriod {
  const start = jalaliToIsoDate({ jy, jm, jd: 1 });
  const end = jalaliToIsoDate({ jy, jm, jd: monthLength(jy, jm) });
  if (!start || !end) throw new RangeError(`not a Jalali month: ${jy}/${jm}`);
  return { jy, jm, start, end };
}

/** The Tehran calendar day (ISO) of an instant. */
export function tehranIsoDate(at: Date): string {
  return isoDateOfDay(tehranDayAndMinute(at).day);
}

/** The Jalali month an instant falls in, in Tehran time. */
export function billingPeriodOf(at: Date): BillingPeriod {
  const j: JalaliDate = isoDateToJalali(tehranIsoDate(at));
  return jalaliMonth(j.jy, j.jm);
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
