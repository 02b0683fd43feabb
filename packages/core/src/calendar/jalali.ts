// CommonJS module: a default import works under Node ESM and bundlers alike.
import jalaali from "jalaali-js";

const { isValidJalaaliDate, toGregorian, toJalaali } = jalaali;

export interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

/** A Jalali date to "YYYY-MM-DD" Gregorian; null if the date does not exist. */
export function jalaliToIsoDate({ jy, jm, jd }: JalaliDate): string | null {
  if (!isValidJalaaliDate(jy, jm, jd)) return null;
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${gy}-${String(gm).padStart(2, "0")}-${String(gd).padStart(2, "0")}`;
}

export function isoDateToJalali(iso: string): JalaliDate {
  const [gy, gm, gd] = iso.split("-").map(Number) as [number, number, number];
  return toJalaali(gy, gm, gd);
}

/** "1405/01/01" with ASCII digits; the console localises digits. */
export function formatJalali({ jy, jm, jd }: JalaliDate): string {
  return `${jy}/${String(jm).padStart(2, "0")}/${String(jd).padStart(2, "0")}`;
}
