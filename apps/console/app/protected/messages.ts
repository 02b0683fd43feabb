import { resolveMessage } from "@city137/i18n";
import type { TFunction } from "i18next";
import type { ApiFailure } from "../lib/api.server";

/** The API's field errors as sentences, naming each field by the protected form's own label. */
export function protectedFieldErrors(t: TFunction, failure: ApiFailure | undefined, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, key] of Object.entries(failure?.fieldErrors ?? {})) {
    const field = path.split(".")[0]!;
    const label = t(`protected.fields.${field}`, { defaultValue: field });
    out[field] = t(key, { ...(failure?.params ?? {}), field: label, defaultValue: "" }) || resolveMessage(t as never, key, { params: { ...(failure?.params ?? {}), field: label }, locale });
  }
  return out;
}

export function protectedMessage(t: TFunction, failure: ApiFailure | undefined, locale: string): string | null {
  return failure ? resolveMessage(t as never, failure.messageKey, { params: failure.params, locale }) : null;
}
