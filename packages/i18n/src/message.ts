import { formatDigits } from "./format";

/** The error shape the API sends (tRPC error data). */
export interface ApiErrorData {
  code?: string;
  messageKey?: string;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Field label: `fields.<name>` for the path's last, then first, named segment ("citizen.mobile" → mobile, "roles.0" → roles). */
function fieldLabel(t: T, field: string): string {
  const parts = field.split(".").filter((part) => !/^\d+$/.test(part));
  for (const name of [parts.at(-1), parts[0]]) {
    if (!name) continue;
    const key = `fields.${name}`;
    const label = t(key);
    if (label !== key && typeof label === "string") return label;
  }
  return parts[0] ?? field;
}

/** Numbers in parameters take the reader's digits. */
function localParams(params: Record<string, string | number> | undefined, locale: string | undefined) {
  if (!params || locale !== "fa") return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? formatDigits(v, "fa") : v]));
}

/** One sentence for a message key, with its parameters and the field's own label. */
export function resolveMessage(
  t: T,
  messageKey: string,
  opts: { field?: string; params?: Record<string, string | number>; locale?: string } = {},
): string {
  const field = opts.field ? fieldLabel(t, opts.field) : "";
  const text = t(messageKey, { ...localParams(opts.params, opts.locale), field, defaultValue: "" });
  return text || t("errors.internal");
}

/** Field → translated sentence, for showing errors beside their inputs. */
export function resolveFieldErrors(t: T, data: ApiErrorData | undefined, locale?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(data?.fieldErrors ?? {})) {
    out[field] = resolveMessage(t, key, { field, params: data?.params, locale });
  }
  return out;
}
