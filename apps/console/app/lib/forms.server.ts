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
