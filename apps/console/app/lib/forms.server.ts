import { apiFailure, type ApiFailure } from "./api.server";

export type Outcome<T> = { ok: true; result: T; intent: string } | { ok: false; failure: ApiFailure; intent: string };

/** Runs one API call for a form; the failure comes back as data the page translates at its fields. */
export async function attempt<T>(intent: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await fn(), intent };
  } catch (err) {
    return { ok: false, failure: apiFailure(err), intent };
  }
}

export const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
export const optional = (form: FormData, name: string) => text(form, name) || null;
export const numberOrNull = (form: FormData, name: string) => {
  const v = text(form, name).replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));
  return v === "" ? null : Number(v);
};

/**
 * The question rows of the category form (`q.<i>.<field>`) as the API's
 * attributes: empty rows are skipped, rows marked "remove" dropped, choices
 * read from "key | نام فارسی | English name" lines.
 */
export function questionsFrom(form: FormData) {
  const out: Array<{ code: string; datatype: string; required: boolean; order: number; labelFa: string; labelEn: string; values?: Array<{ key: string; nameFa: string; nameEn: string }> }> = [];
  for (let i = 0; form.has(`q.${i}.code`); i++) {
    const get = (f: string) => text(form, `q.${i}.${f}`);
    if (get("remove") === "true") continue;
    if (!get("code") && !get("labelFa") && !get("labelEn")) continue;
    const datatype = get("datatype") || "string";
    const values = get("values")
      .split(/\r?\n/)
      .map((line) => line.split("|").map((s) => s.trim()))
      .filter((parts) => parts[0])
      .map(([key, nameFa, nameEn]) => ({ key: key!, nameFa: nameFa || key!, nameEn: nameEn || nameFa || key! }));
    out.push({
      code: get("code"),
      datatype,
      required: get("required") === "true",
      order: out.length,
      labelFa: get("labelFa"),
      labelEn: get("labelEn"),
      ...(datatype.endsWith("valuelist") ? { values } : {}),
    });
  }
  return out;
}
