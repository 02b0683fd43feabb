import { isoDateToJalali, jalaliToIsoDate } from "../calendar/jalali";
import { dayOfIsoDate, fromTehranDayMinute, isoDateOfDay, weekdayOfDay } from "../calendar/tehran-time";

/** How volume over time is bucketed: Tehran days, Iranian weeks (Saturday first), Jalali months and years. */
export const GRANULARITIES = ["day", "week", "month", "year"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * The bucket of a Tehran day (days since 1970-01-01 in Tehran), as a sortable key:
 * day "1405-09-04" (Jalali), week: its Saturday's Jalali date, month "1405-09", year "1405".
 */
export function bucketOfDay(day: number, g: Granularity): string {
  const start = g === "week" ? day - ((weekdayOfDay(day) + 1) % 7) : day;
  const j = isoDateToJalali(isoDateOfDay(start));
  const mm = String(j.jm).padStart(2, "0");
  const dd = String(j.jd).padStart(2, "0");
  if (g === "year") return String(j.jy);
  if (g === "month") return `${j.jy}-${mm}`;
  return `${j.jy}-${mm}-${dd}`;
}

/** The Tehran day a Jalali date falls on; throws on a date that does not exist. */
export function dayOfJalali(jy: number, jm: number, jd: number): number {
  const iso = jalaliToIsoDate({ jy, jm, jd });
  if (!iso) throw new RangeError(`no such Jalali date: ${jy}/${jm}/${jd}`);
  return dayOfIsoDate(iso);
}

/** A ranking period: one Jalali month or one Jalali year. */
export type RankingPeriod = { kind: "month"; jy: number; jm: number } | { kind: "year"; jy: number };

/** [from, to) instants of a Jalali month or year in Tehran time. */
export function periodRange(p: RankingPeriod): { from: Date; to: Date } {
  const first = dayOfJalali(p.jy, p.kind === "month" ? p.jm : 1, 1);
  const next = p.kind === "year" ? dayOfJalali(p.jy + 1, 1, 1) : p.jm === 12 ? dayOfJalali(p.jy + 1, 1, 1) : dayOfJalali(p.jy, p.jm + 1, 1);
  return { from: fromTehranDayMinute(first, 0), to: fromTehranDayMinute(next, 0) };
}

export function periodKey(p: RankingPeriod): string {
  return p.kind === "year" ? String(p.jy) : `${p.jy}-${String(p.jm).padStart(2, "0")}`;
}

/**
 * The same range one Jalali year earlier, for growth: a range given by Jalali
 * days moves to the same Jalali days of the previous year (Esfand 30 → 29).
 */
export function sameRangeLastYear(fromDay: number, toDay: number): { fromDay: number; toDay: number } {
  const back = (day: number) => {
    const j = isoDateToJalali(isoDateOfDay(day));
    const iso = jalaliToIsoDate({ jy: j.jy - 1, jm: j.jm, jd: j.jd }) ?? jalaliToIsoDate({ jy: j.jy - 1, jm: j.jm, jd: j.jd - 1 })!;
    return dayOfIsoDate(iso);
  };
  return { fromDay: back(fromDay), toDay: back(toDay) };
}

/** Growth in per cent, or null when there is nothing to compare with. */
export function growthPercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}
