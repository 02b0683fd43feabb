import { describe, expect, it } from "vitest";
import { groupReceipt, parseReceipt, receiptFromBytes, receiptPrefix, RECEIPT_DIGITS } from "./receipt";

describe("receipt", () => {
  it("is twenty uniform digits from random bytes, skipping bytes that would bias them", () => {
    const bytes = new Uint8Array(40).map((_, i) => (i === 0 ? 255 : i === 1 ? 250 : i * 7));
    const r = receiptFromBytes(bytes);
    expect(r).toMatch(/^\d{20}$/);
    expect(r.startsWith("4")).toBe(true); // bytes 255 and 250 skipped; 2*7 = 14 → 4
    expect(() => receiptFromBytes(new Uint8Array(RECEIPT_DIGITS).fill(255))).toThrow(RangeError);
  });

  it("reads back what a reporter typed: Persian digits, spaces and dashes; refuses anything else", () => {
    expect(parseReceipt("۱۲۳۴ ۵۶۷۸-9012 3456 7890")).toBe("12345678901234567890");
    expect(parseReceipt("1234 5678 9012 3456")).toBeNull();
    expect(parseReceipt("1234567890123456789a")).toBeNull();
    expect(groupReceipt("12345678901234567890")).toBe("1234 5678 9012 3456 7890");
    expect(receiptPrefix("12345678901234567890")).toBe("1234");
  });
});
