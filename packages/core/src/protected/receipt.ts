import { toAsciiDigits } from "../text/digits";

/**
 * The receipt of a protected report (docs/decisions/017): 20 random digits,
 * the reporter's only key back to the report. The first RECEIPT_PREFIX digits
 * are stored in the clear to find the candidate rows; the rest (16 digits,
 * ~53 bits) only behind scrypt.
 */
export const RECEIPT_DIGITS = 20;
export const RECEIPT_PREFIX = 4;

/** A new receipt from the given random bytes (at least RECEIPT_DIGITS of them). */
export function receiptFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECEIPT_DIGITS) throw new RangeError("not enough random bytes for a receipt");
  let out = "";
  // Rejection sampling keeps every digit uniform: bytes ≥ 250 are skipped.
  for (let i = 0; out.length < RECEIPT_DIGITS && i < bytes.length; i++) if (bytes[i]! < 250) out += String(bytes[i]! % 10);
  if (out.length < RECEIPT_DIGITS) throw new RangeError("not enough usable random bytes for a receipt");
  return out;
}

/** What a reporter typed (Persian or Latin digits, spaces, dashes) as the receipt, or null. */
export function parseReceipt(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-_.]/g, "");
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

/** Groups of four for reading and writing down: "1234 5678 …". */
export function groupReceipt(receipt: string): string {
  return receipt.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export const receiptPrefix = (receipt: string) => receipt.slice(0, RECEIPT_PREFIX);

export const PROTECTED_STATUSES = ["received", "in_review", "need_info", "closed"] as const;
export type ProtectedStatus = (typeof PROTECTED_STATUSES)[number];
