import { formatJalali, isoDateToJalali } from "@city137/core";
import { formatDigits, type Locale } from "@city137/i18n";

/** Invoices carry Jalali dates in both languages: «۱۴۰۵/۰۹/۰۳». */
export function jalaliDate(iso: string, locale: Locale): string {
  return formatDigits(formatJalali(isoDateToJalali(iso.slice(0, 10))), locale);
}
