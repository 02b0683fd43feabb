import { z } from "zod";
import { parseReceipt, PROTECTED_STATUSES } from "@city137/core";
import { K, ZCitySlug, zId, zText } from "./common";

const receipt = z.string({ error: K.required }).transform((s, ctx) => {
  const r = parseReceipt(s);
  if (!r) ctx.addIssue({ code: "custom", message: "validation.receipt" });
  return r ?? "";
});

/** A photo sent with a protected report, base64; at most three at a time. */
const files = z
  .array(z.object({ name: z.string().max(200).default(""), data: z.string().max(15_000_000, { error: "errors.attachment.tooLarge" }) }), { error: K.invalid })
  .max(3, { error: "validation.tooManyFiles" })
  .default([]);

export const ZProtectedSubmitInput = z.object({
  city: ZCitySlug,
  /** What happened, who, where, when: free text, the reporter's own words. */
  text: zText(10_000),
  files,
});
export type ProtectedSubmitInput = z.infer<typeof ZProtectedSubmitInput>;

export const ZProtectedFollowInput = z.object({ city: ZCitySlug, receipt });

export const ZProtectedReplyInput = z.object({
  city: ZCitySlug,
  receipt,
  text: zText(10_000).optional(),
  files,
});
export type ProtectedReplyInput = z.infer<typeof ZProtectedReplyInput>;

export const ZProtectedIdInput = z.object({ id: zId });
export const ZProtectedFileInput = z.object({ id: zId, entryId: zId });
export const ZProtectedAskInput = z.object({ id: zId, text: zText(5_000) });
export const ZProtectedStatusInput = z.object({ id: zId, status: z.enum(PROTECTED_STATUSES, { error: K.invalid }) });
