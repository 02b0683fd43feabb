import { formatDigits, formatLongDate, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

/**
 * «چهارشنبه، ۱۲ آذر ۱۴۰۵، ساعت ۱۰:۰۰ تا ۱۲:۰۰»: weekday and Jalali date in
 * Tehran, clock times in the page's digits (no «·» beside Persian digits: it
 * reads as a zero).
 */
export function SessionWhen({ startsAt, tehran }: { startsAt: string; tehran: { start: string; end: string } }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return <span data-testid="session-when">{t("direct.when", { date: formatLongDate(startsAt, locale), start: formatDigits(tehran.start, locale), end: formatDigits(tehran.end, locale) })}</span>;
}

/** Staff-typed text is stored with Latin digits; a Persian page shows Persian ones. */
export const localDigits = (s: string, locale: Locale) => formatDigits(s, locale);

/** Ordered lists numbered in the page's digits. */
export const listStyle = (locale: Locale) => ({ listStyleType: locale === "fa" ? "persian" : "decimal" });
