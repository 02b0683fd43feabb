import { resolveMessage } from "@city137/i18n";
import type { TFunction } from "i18next";
import type { ApiFailure } from "../lib/api.server";

/** The API's field errors as sentences, naming each field by the portal's own label. */
export function portalFieldErrors(t: TFunction, failure: ApiFailure | undefined, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, key] of Object.entries(failure?.fieldErrors ?? {})) {
    const field = path.split(".")[0]!;
    const leaf = path.split(".").at(-1)!;
    const label = t(`portal.fields.${field === "attributes" ? "attributes" : leaf}`, { defaultValue: "" }) || t(`portal.fields.${field}`, { defaultValue: field });
    const text = t(key, { ...(failure?.params ?? {}), field: label, defaultValue: "" });
    out[path] = text || resolveMessage(t as never, key, { params: failure?.params, locale });
  }
  return out;
}

/** The page-level sentence for a failure. */
export function portalMessage(t: TFunction, failure: ApiFailure | undefined, locale: string, extra: Record<string, string | number> = {}): string | null {
  if (!failure) return null;
  return resolveMessage(t as never, failure.messageKey, { params: { ...(failure.params ?? {}), ...extra }, locale });
}
