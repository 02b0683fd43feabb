import { toAsciiDigits } from "./digits";

/**
 * The Iranian national code (کد ملی): 10 digits whose last is a check digit.
 * Returns the canonical 10 digits, or null when the number is not valid.
 */
export function normalizeNationalId(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-]/g, "");
  if (!/^\d{8,10}$/.test(digits)) return null;
  const code = digits.padStart(10, "0");
  if (/^(\d)\1{9}$/.test(code)) return null; // 0000000000, 1111111111 … pass the sum but are not issued
  const sum = [...code.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  const check = Number(code[9]);
  return (r < 2 ? check === r : check === 11 - r) ? code : null;
}
