import { z } from "zod";
import { K, zId } from "./common";

/** An Open311 API key: a label saying who it is for (an app, a partner agency). */
export const ZCreateApiKeyInput = z.object({
  label: z.string({ error: K.required }).trim().min(1, { error: K.required }).max(120, { error: K.tooLong }),
});
export type CreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ id: zId });
