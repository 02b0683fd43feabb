import { z } from "zod";
import { normalizePersian } from "@city137/core";

/** Message keys the console translates; the field name comes from the path. */
export const K = {
  required: "validation.required",
  invalid: "validation.invalid",
  tooLong: "validation.tooLong",
} as const;

/** A trimmed, Persian-normalised line of text; empty counts as missing. */
export const zText = (max: number) =>
  z
    .string({ error: K.required })
    .transform((s) => normalizePersian(s))
    .pipe(z.string().min(1, { error: K.required }).max(max, { error: K.tooLong }));

export const zId = z.uuid({ error: K.invalid });

/** A language of the platform: Persian or English. */
export const zLocale = z.enum(["fa", "en"], { error: K.invalid });

export const ZCitySlug = z
  .string({ error: K.required })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, { error: K.invalid });
export const ZGetCityInput = z.object({ slug: ZCitySlug });
export type GetCityInput = z.infer<typeof ZGetCityInput>;
