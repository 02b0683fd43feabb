import { describe, expect, it } from "vitest";
import { toAsciiDigits, toPersianDigits } from "./digits";
import { normalizeLogin, normalizePersian } from "./normalize";

describe("digits", () => {
  it("reads Persian and Arabic-Indic digits as ASCII", () => {
    expect(toAsciiDigits("۰۹۱۲۳۴۵۶۷۸۹")).toBe("09123456789");
    expect(toAsciiDigits("٠٩١٢٣٤٥٦٧٨٩")).toBe("09123456789");
    expect(toAsciiDigits("منطقه ۲۲ و 7")).toBe("منطقه 22 و 7");
  });
  it("writes Persian digits for display", () => {
    expect(toPersianDigits(137)).toBe("۱۳۷");
    expect(toPersianDigits("1405/01/01")).toBe("۱۴۰۵/۰۱/۰۱");
  });
});

describe("Persian normalisation", () => {
  it("maps Arabic yeh and kaf to Persian, keeps the zero-width non-joiner", () => {
    expect(normalizePersian("كوچه يك")).toBe("کوچه یک");
    expect(normalizePersian("درخواست\u200cها")).toBe("درخواست\u200cها");
  });
  it("drops tatweel and diacritics and collapses spaces", () => {
    expect(normalizePersian("  تـــهران   مَنطقه  ")).toBe("تهران منطقه");
  });
  it("folds case for sign-in names", () => {
    expect(normalizeLogin(" Tehran.Operator ")).toBe("tehran.operator");
  });
});

describe("display text", () => {
  it("fixes Arabic letters and digits but keeps Persian digits", async () => {
    const { cleanPersianText } = await import("./normalize");
    expect(cleanPersianText("  ناحيه ٢  و ۳ ")).toBe("ناحیه ۲ و ۳");
  });
});
