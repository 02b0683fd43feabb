import { toAsciiDigits } from "./digits";

/**
 * An Iranian mobile number in its canonical 09xxxxxxxxx form, from any of the
 * ways people write it: +98 912…, 0098912…, 98912…, 912…, Persian or Arabic
 * digits, spaces and dashes. Null when it is not a mobile number.
 */
export function normalizeIranMobile(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-()–.]/g, "");
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

/** "0912 345 6789", for display. */
export function formatIranMobile(mobile: string): string {
  return `${mobile.slice(0, 4)} ${mobile.slice(4, 7)} ${mobile.slice(7)}`;
}
