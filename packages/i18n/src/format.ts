export const SUPPORTED_LOCALES = ["fa", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fa";

export function isLocale(value: unknown): value is Locale {
  return value === "fa" || value === "en";
}

export function dir(locale: Locale): "rtl" | "ltr" {
  return locale === "fa" ? "rtl" : "ltr";
}

const TIME_ZONE = "Asia/Tehran";
// Persian: Solar Hijri calendar and Persian digits; English: Gregorian, Latin digits. Both in Tehran time.
const intlLocale = (locale: Locale) => (locale === "fa" ? "fa-IR-u-ca-persian-nu-arabext" : "en-GB");

export function formatDate(date: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, year: "numeric", month: "long", day: "numeric" }).format(new Date(date));
}

/** «۱۴۰۵/۰۹/۰۴، ۱۰:۳۰»: ICU joins the two with a Latin comma in Persian, so they are joined here. */
export function formatDateTime(date: Date | string, locale: Locale): string {
  const d = new Date(date);
  const day = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  return `${day}${locale === "fa" ? "، " : ", "}${time}`;
}

/**
 * Weekday and full date, for the shell: «چهارشنبه، ۴ آذر ۱۴۰۵». Built from two
 * parts because ICU's Persian pattern for weekday + date puts the year first.
 */
export function formatLongDate(date: Date | string, locale: Locale): string {
  const d = new Date(date);
  const weekday = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, weekday: "long" }).format(d);
  return `${weekday}${locale === "fa" ? "، " : ", "}${formatDate(d, locale)}`;
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "fa" ? "fa-IR" : "en-GB").format(n);
}

/** Digits only (codes, short numbers): Persian digits in Persian, no grouping. */
export function formatDigits(value: string | number, locale: Locale): string {
  const s = String(value);
  return locale === "fa" ? s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!) : s;
}
