import { AGEING_BUCKETS, dayOfIsoDate, formatJalali, type AgeingBucket, isoDateOfDay, isoDateToJalali, tehranDayAndMinute, DIMENSIONS, GRANULARITIES, MESSAGE_GROUPS, type Dimension, type Granularity, type MessageGroup } from "@city137/core";
import { jalaliParam } from "../lib/work.server";

const pick = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => ((list as readonly string[]).includes(v ?? "") ? (v as T) : fallback);

/** "1405/08/01" for a Gregorian ISO day (the forms show Jalali dates). */
export const jalaliOf = (iso: string) => formatJalali(isoDateToJalali(iso));

/** The range and breakdown of a dashboard from the address; by default the last 30 Tehran days. */
export function dashboardParams(url: URL, now = new Date()) {
  const q = url.searchParams;
  const today = tehranDayAndMinute(now).day;
  const to = jalaliParam(q.get("to")) ?? isoDateOfDay(today);
  const from = jalaliParam(q.get("from")) ?? isoDateOfDay(dayOfIsoDate(to) - 29);
  return {
    from,
    to,
    granularity: pick<Granularity>(GRANULARITIES, q.get("g"), "day"),
    dimension: pick<Dimension>(DIMENSIONS, q.get("dim"), "channel"),
  };
}

export function drillParams(url: URL) {
  const q = url.searchParams;
  const dim = q.get("dim");
  return {
    from: jalaliParam(q.get("from")),
    to: jalaliParam(q.get("to")),
    group: pick<MessageGroup>(MESSAGE_GROUPS, q.get("group"), "all"),
    slice: dim && dim !== "none" && (DIMENSIONS as readonly string[]).includes(dim) ? { dimension: dim as Dimension, key: q.get("key") ?? "" } : undefined,
    ageing: AGEING_BUCKETS.some((b) => b.key === q.get("ageing")) ? (q.get("ageing") as AgeingBucket) : undefined,
    targetHours: Number(q.get("target")) || 72,
    categoryId: q.get("cat") || undefined,
  };
}

/** The current Jalali year and month in Tehran. */
export function currentJalaliMonth(now = new Date()) {
  const j = isoDateToJalali(isoDateOfDay(tehranDayAndMinute(now).day));
  return { jy: j.jy, jm: j.jm };
}

/** [from, to) instants of a ranking period as the inclusive Tehran days the drill-down takes. */
export function periodDays(from: string, to: string) {
  return { fromIso: isoDateOfDay(tehranDayAndMinute(new Date(from)).day), toIso: isoDateOfDay(tehranDayAndMinute(new Date(new Date(to).getTime() - 1)).day) };
}
