import { toAsciiDigits } from "./digits";

/**
 * Canonical form for comparison and search: Arabic ي/ك/ى to Persian ی/ک,
 * digits to ASCII, tatweel and diacritics removed, whitespace collapsed. The
 * zero-width non-joiner is kept: it is part of correct Persian spelling.
 */
export function normalizePersian(input: string): string {
  return toAsciiDigits(input.normalize("NFC"))
    .replace(/[يى]/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/ـ/g, "")
    .replace(/[\u064B-\u0652]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A sign-in name: normalised and case-folded. */
export function normalizeLogin(input: string): string {
  return normalizePersian(input).toLowerCase();
}

/**
 * Clean display text (names, titles): Arabic letters and Arabic-Indic digits
 * to their Persian forms, whitespace collapsed. Digits stay as written, since
 * a Persian name keeps its Persian digits.
 */
export function cleanPersianText(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[يى]/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/[٠-٩]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d.charCodeAt(0) - 0x660]!)
    .replace(/\s+/g, " ")
    .trim();
}
