import { z } from "zod";
import { K, zId } from "./common";

const title = z.string({ error: K.required }).trim().min(1, { error: K.required }).max(120, { error: K.tooLong });

/** A ready answer; no category = offered for every message. */
export const ZResponseTemplateInput = z.object({
  categoryId: zId.nullable().default(null),
  titleFa: title,
  titleEn: title,
  body: z.string({ error: K.required }).trim().min(1, { error: K.required }).max(2000, { error: K.tooLong }),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZUpdateResponseTemplateInput = ZResponseTemplateInput.extend({ id: zId });
export const ZSetResponseTemplateActiveInput = z.object({ id: zId, active: z.boolean() });

/** The queue's search parameters, kept as given (at most a handful of short values). */
const query = z
  .record(z.string().max(40), z.string().max(200))
  .refine((q) => Object.keys(q).length <= 20, { error: K.invalid });

export const ZSaveFilterInput = z.object({
  name: title,
  query,
  /** Offered to the whole city's staff (supervisors and city admins only). */
  shared: z.boolean().default(false),
});
export const ZRemoveFilterInput = z.object({ id: zId });
