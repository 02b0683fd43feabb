import { formatDigits, type Locale } from "@city137/i18n";

const jalali = new Intl.DateTimeFormat("en-US-u-ca-persian-nu-latn", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });

/** Invoices carry Jalali dates in both languages: «۱۴۰۵/۰۹/۰۳» (a calendar day, read as such). */
export function jalaliDate(iso: string, locale: Locale): string {
  const parts = Object.fromEntries(jalali.formatToParts(new Date(`${iso.slice(0, 10)}T00:00:00Z`)).map((p) => [p.type, p.value]));
  return formatDigits(`${parts.year!.replace(/\D/g, "")}/${parts.month}/${parts.day}`, locale);
}
