import { ZListAttachmentsInput, ZRemoveAttachmentInput } from "@city137/validators";
import { listRequestAttachments, removeAttachment, type StaffScope } from "../../attachments";
import { cityRoleProcedure, router, staffProcedure } from "../../trpc";

/** Uploads and downloads are HTTP routes (apps/api, /files/*); these are the metadata and removal. */
type StaffCtx = {
  tenantId: string;
  session: { user: { id: string; roles: StaffScope["viewer"]["roles"]; unitIds: string[] } };
  ip: string | null;
  now: () => Date;
  tenant: StaffScope["tenant"];
};
const scopeOf = (ctx: StaffCtx): StaffScope => ({
  tenantId: ctx.tenantId,
  actorId: ctx.session.user.id,
  viewer: { roles: ctx.session.user.roles, unitIds: ctx.session.user.unitIds },
  ip: ctx.ip,
  now: ctx.now(),
  tenant: ctx.tenant,
});

export const attachmentRouter = router({
  /** A message's attachments, for staff who can see the message (metadata; the bytes at GET /files/attachments/:id). */
  list: staffProcedure.input(ZListAttachmentsInput).query(({ ctx, input }) => listRequestAttachments(scopeOf(ctx), input.requestId)),

  /** Supervisors and the city's IT remove an attachment; the timeline and audit log record it. */
  remove: cityRoleProcedure("supervisor", "city_admin")
    .input(ZRemoveAttachmentInput)
    .mutation(({ ctx, input }) => removeAttachment(scopeOf(ctx), ctx.files, input.id)),
});
