import { jalaliToIsoDate, toAsciiDigits } from "@city137/core";
import type { Api } from "./api.server";
import { numberOrNull, optional, text } from "./forms.server";

type Category = Awaited<ReturnType<Api["category"]["list"]["query"]>>[number];

/** The intake form as the API's create input; the questions come as `attr.<code>` fields. */
export function intakeInput(form: FormData, categories: Category[]) {
  const categoryId = text(form, "categoryId");
  const category = categories.find((c) => c.id === categoryId);
  const attributes: Record<string, unknown> = {};
  for (const a of category?.attributes ?? []) {
    const values = form.getAll(`attr.${a.code}`).map(String).filter((v) => v.trim() !== "");
    if (a.datatype === "multivaluelist") attributes[a.code] = values;
    else if (a.datatype === "datetime" && values[0] && /T\d\d:\d\d$/.test(values[0])) attributes[a.code] = `${values[0]}:00+03:30`; // the form's clock is Tehran's
    else if (values[0] !== undefined) attributes[a.code] = values[0];
  }
  return {
    idempotencyKey: text(form, "idempotencyKey"),
    kind: text(form, "kind") as never,
    categoryId,
    channel: (text(form, "channel") || "phone") as never,
    description: text(form, "description"),
    attributes,
    lat: numberOrNull(form, "lat"),
    lon: numberOrNull(form, "lon"),
    address: optional(form, "address"),
    districtId: optional(form, "districtId"),
    citizen: { name: optional(form, "name"), mobile: optional(form, "mobile"), nationalId: optional(form, "nationalId"), recognitionConsent: form.get("recognitionConsent") === "1" },
  };
}

/** "Attach this caller to an open message": the same form, read as a supporter of `requestId`. */
export function supportInput(form: FormData, requestId: string) {
  return {
    idempotencyKey: text(form, "idempotencyKey"),
    requestId,
    channel: (text(form, "channel") || "phone") as never,
    note: optional(form, "description"),
    citizen: { name: optional(form, "name"), mobile: optional(form, "mobile") },
  };
}

/** "1405/09/03" (Persian or Latin digits) → "2026-11-24"; a Gregorian ISO date passes; anything else → the raw text, for the API to refuse by name. */
export function jalaliParam(value: string | null): string | undefined {
  const s = toAsciiDigits(value ?? "").trim();
  if (!s) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (!m) return s;
  return jalaliToIsoDate({ jy: Number(m[1]), jm: Number(m[2]), jd: Number(m[3]) }) ?? s;
}
