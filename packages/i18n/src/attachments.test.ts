import { describe, expect, it } from "vitest";
import { resolveMessage } from "./message";
import { resources } from "./resources";

/** Message keys the attachment routes send (core's inspectFile, the files package, the HTTP routes). */
const KEYS = ["empty", "unsupportedType", "tooLarge", "unreadableImage", "tooManyPixels", "heicUnsupported", "missingFile", "oneFile", "invalidPurpose"].map((k) => `errors.attachment.${k}`);

const lookup = (lang: "fa" | "en") => (key: string, opts: Record<string, unknown> = {}) => {
  let node: unknown = resources[lang].common;
  for (const p of key.split(".")) node = (node as Record<string, unknown>)?.[p];
  if (typeof node !== "string") return (opts.defaultValue as string) ?? key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(opts[name] ?? ""));
};

describe("attachment messages", () => {
  it("every key has a Persian and an English sentence", () => {
    for (const lang of ["fa", "en"] as const) {
      for (const key of KEYS) expect(lookup(lang)(key), `${lang} ${key}`).not.toBe(key);
    }
    expect(lookup("fa")("errors.attachment.unsupportedType")).toMatch(/^نوع این پرونده پذیرفته نیست/);
  });

  it("the size limit reads in the reader's digits", () => {
    expect(resolveMessage(lookup("fa"), "errors.attachment.tooLarge", { params: { maxMb: 10 }, locale: "fa" })).toContain("۱۰ مگابایت");
    expect(resolveMessage(lookup("en"), "errors.attachment.tooLarge", { params: { maxMb: 10 }, locale: "en" })).toBe("This file is larger than 10 MB.");
  });
});
