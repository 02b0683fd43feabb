import { z } from "zod";
import { K, ZCitySlug } from "./common";

export const ZSignInInput = z.object({
  /** The city's slug, or null for platform staff. */
  city: ZCitySlug.nullable(),
  login: z
    .string({ error: K.required })
    .trim()
    .min(1, { error: K.required })
    .max(254, { error: K.tooLong }),
  // Passwords are not trimmed or normalised beyond NFC (done when hashing).
  password: z.string({ error: K.required }).min(1, { error: K.required }).max(128, { error: K.tooLong }),
});
export type SignInInput = z.infer<typeof ZSignInInput>;
