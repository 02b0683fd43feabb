import { randomUUID } from "node:crypto";
import { redirect } from "@remix-run/node";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, optional, text } from "../lib/forms.server";
import { portalApi, uploadCitizenFiles } from "./api.server";

/** The language the page was shown in (a hidden field), so the citizen's SMS use it. */
export const localeField = (form: FormData) => (text(form, "locale") === "en" ? "en" : text(form, "locale") === "fa" ? "fa" : null);

/** What the submit form needs: the city's public subjects with their questions, districts, region outlines, a fresh key. */
export async function submitFormData(request: Request, city: string) {
  try {
    const catalogue = await (await portalApi(request)).portal.catalogue.query({ city });
    // A new key per form shown: a double tap or a retry of this form registers once.
    return { ...catalogue, idempotencyKey: randomUUID() };
  } catch (err) {
    throw failureResponse(err);
  }
}

/**
 * Registers the message, then uploads its files with the token the API gave
 * for it, then shows the tracking code. A file that fails does not undo the
 * message: the next page says which file and why.
 */
export async function submitAction(request: Request, city: string) {
  const form = await request.formData();
  const api = await portalApi(request);
  const categoryId = text(form, "categoryId");
  const category = (await api.portal.catalogue.query({ city }).catch(() => null))?.categories.find((c) => c.id === categoryId);
  const attributes: Record<string, unknown> = {};
  for (const a of category?.attributes ?? []) {
    const values = form.getAll(`attr.${a.code}`).map(String).filter((v) => v.trim() !== "");
    if (a.datatype === "multivaluelist") attributes[a.code] = values;
    else if (values[0] !== undefined) attributes[a.code] = values[0];
  }
  const outcome = await attempt("submit", () =>
    api.portal.submit.mutate({
      city,
      idempotencyKey: text(form, "idempotencyKey"),
      kind: text(form, "kind"),
      categoryId,
      description: text(form, "description"),
      attributes,
      lat: numberOrNull(form, "lat"),
      lon: numberOrNull(form, "lon"),
      address: optional(form, "address"),
      districtId: optional(form, "districtId"),
      name: optional(form, "name"),
      mobile: text(form, "mobile"),
      recognitionConsent: form.get("recognitionConsent") === "1",
      qr: optional(form, "qr"),
      locale: localeField(form),
    }),
  );
  if (!outcome.ok) return outcome;
  const r = outcome.result;
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f as File).size > 0).slice(0, 5);
  const uploaded = files.length ? await uploadCitizenFiles(request, { city, trackingCode: r.trackingCode, token: r.uploadToken, files }) : { added: 0, failed: [] };
  const q = new URLSearchParams({ s: r.trackToken, new: "1", files: String(uploaded.added) });
  const first = uploaded.failed[0];
  if (first) {
    q.set("uploadError", first.messageKey);
    q.set("uploadName", first.name);
  }
  return redirect(`/p/${city}/track?code=${r.trackingCode}&${q.toString()}`);
}
