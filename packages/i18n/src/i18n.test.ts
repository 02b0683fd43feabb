import { describe, expect, it } from "vitest";
import { dir, formatDate, formatDateTime, formatDigits, formatLongDate, formatNumber } from "./format";
import { resolveFieldErrors, resolveMessage } from "./message";
import { resources } from "./resources";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const strings = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === "string" ? [v] : strings(v)));

describe("resources", () => {
  it("Persian and English have exactly the same keys", () => {
    expect(keys(resources.en.common).sort()).toEqual(keys(resources.fa.common).sort());
  });
  it("Persian text uses Persian ی and ک, never the Arabic letters", () => {
    for (const s of strings(resources.fa.common)) expect(s, s).not.toMatch(/[يك]/);
  });
  it("every message key the API sends has a translation", () => {
    const all = new Set(keys(resources.fa.common));
    for (const k of ["errors.auth.locked", "errors.auth.invalidCredentials", "validation.required", "errors.staff.cannotRemoveOwnAdmin", "errors.routing.inactiveUnit", "errors.invitation.invalid", "errors.request.idempotencyMismatch", "errors.request.kindNotAccepted", "errors.request.unknownCategory", "errors.request.unknownDistrict", "errors.request.halfPoint", "errors.request.noteRequired", "errors.request.unknownOriginal", "errors.request.unknownUnit", "validation.mobile", "validation.nationalId", "validation.trackingCode", ...["refer", "return_to_hq", "start", "resolve", "close", "reject", "mark_duplicate", "forward", "reopen"].map((a) => `errors.request.cannot.${a}`)]) {
      expect(all.has(k), k).toBe(true);
    }
  });
});

describe("formats", () => {
  it("writes Jalali dates with Persian digits in Tehran time", () => {
    // 2026-03-20T21:00Z is 00:30 on 1 Farvardin 1405 in Tehran
    expect(formatDate("2026-03-20T21:00:00Z", "fa")).toBe("۱ فروردین ۱۴۰۵");
    expect(formatDate("2026-03-20T20:00:00Z", "fa")).toBe("۲۹ اسفند ۱۴۰۴");
    expect(formatLongDate("2026-11-24T22:00:00Z", "fa")).toBe("چهارشنبه، ۴ آذر ۱۴۰۵");
    expect(formatLongDate("2026-11-24T22:00:00Z", "en")).toBe("Wednesday, 25 November 2026");
    expect(formatDateTime("2026-11-24T08:00:00Z", "fa")).toBe("۱۴۰۵/۰۹/۰۳، ۱۱:۳۰");
    expect(formatDateTime("2026-11-24T08:00:00Z", "en")).toBe("24/11/2026, 11:30");
  });
  it("writes Gregorian dates in English", () => {
    expect(formatDate("2026-03-20T21:00:00Z", "en")).toBe("21 March 2026");
  });
  it("numbers and digits follow the language", () => {
    expect(formatNumber(2400000, "fa")).toBe("۲٬۴۰۰٬۰۰۰");
    expect(formatNumber(2400000, "en")).toBe("2,400,000");
    expect(formatDigits("137", "fa")).toBe("۱۳۷");
    expect(dir("fa")).toBe("rtl");
    expect(dir("en")).toBe("ltr");
  });
});

describe("messages", () => {
  const t = (key: string, opts: Record<string, unknown> = {}) => {
    const path = key.split(".");
    let node: unknown = resources.fa.common;
    for (const p of path) node = (node as Record<string, unknown>)?.[p];
    if (typeof node !== "string") return (opts.defaultValue as string) ?? key;
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(opts[name] ?? ""));
  };
  it("names the field in its own language", () => {
    expect(resolveMessage(t, "validation.required", { field: "login" })).toBe("«نام کاربری یا رایانامه» را وارد کنید.");
    expect(resolveFieldErrors(t, { fieldErrors: { password: "validation.required" } })).toEqual({ password: "«گذرواژه» را وارد کنید." });
    // Nested fields are named by their own label, questions by the group's.
    expect(resolveFieldErrors(t, { fieldErrors: { "citizen.nationalId": "validation.invalid", "attributes.waste_type": "validation.required" } })).toEqual({
      "citizen.nationalId": "«کد ملی» درست نیست.",
      "attributes.waste_type": "«پاسخ پرسش‌ها» را وارد کنید.",
    });
    expect(resolveMessage(t, "errors.auth.locked", { params: { minutes: 15 }, locale: "fa" })).toContain("۱۵");
  });
  it("falls back to a general sentence for an unknown key, never the key itself", () => {
    expect(resolveMessage(t, "errors.nonsense")).toBe("خطایی پیش آمد. لطفاً دوباره تلاش کنید.");
  });
});

describe("audit log labels", () => {
  it("every audit action written by the API has a label", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const roots = ["../../api/src", "../../../apps/api/src"].map((r) => new URL(r, import.meta.url).pathname);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") && !f.endsWith(".test.ts") ? [join(dir, f)] : []));
    const actions = new Set(roots.flatMap(files).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/action: "([a-z0-9_]+\.[a-z0-9_]+)"/g)].map((m) => m[1]!)));
    expect(actions.size).toBeGreaterThan(10); // the scan found the API's actions
    const all = new Set(keys(resources.fa.common));
    for (const a of actions) expect(all.has(`audit.actions.${a}`), a).toBe(true);
  });
});
