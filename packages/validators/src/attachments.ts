import { z } from "zod";
import { zId } from "./common";

export const ZListAttachmentsInput = z.object({ requestId: zId });
export const ZRemoveAttachmentInput = z.object({ id: zId });
