import { countProtectedReports, listProtectedReports } from "@city137/db";
import { ZProtectedAskInput, ZProtectedFileInput, ZProtectedFollowInput, ZProtectedIdInput, ZProtectedReplyInput, ZProtectedStatusInput, ZProtectedSubmitInput } from "@city137/validators";
import { cityRoleProcedure, publicProcedure, router, staffProcedure } from "../../trpc";
import { askReporter, photoForInspector, setStatusByInspector, viewForInspector } from "./inspector";
import { followProtected, replyProtected, submitProtected } from "./reporter";

const inspector = cityRoleProcedure("inspector");

/**
 * The protected channel for corruption and violation reports (docs/decisions/017).
 * Reporters: public, by city slug and receipt. Inspectors: the city's own
 * reports, decrypted on the server for them only, every access audited.
 * Everyone else on the city's staff: a count.
 */
export const protectedReportRouter = router({
  submit: publicProcedure.input(ZProtectedSubmitInput).mutation(({ ctx, input }) => submitProtected(ctx, input)),
  follow: publicProcedure.input(ZProtectedFollowInput).mutation(({ ctx, input }) => followProtected(ctx, input)),
  reply: publicProcedure.input(ZProtectedReplyInput).mutation(({ ctx, input }) => replyProtected(ctx, input)),
  count: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => countProtectedReports(tx, { tenantId: ctx.tenantId }))),
  list: inspector.query(({ ctx }) => ctx.tenant((tx) => listProtectedReports(tx, { tenantId: ctx.tenantId }))),
  get: inspector.input(ZProtectedIdInput).query(({ ctx, input }) => viewForInspector(ctx, input.id)),
  photo: inspector.input(ZProtectedFileInput).query(({ ctx, input }) => photoForInspector(ctx, input.id, input.entryId)),
  ask: inspector.input(ZProtectedAskInput).mutation(({ ctx, input }) => askReporter(ctx, input.id, input.text)),
  setStatus: inspector.input(ZProtectedStatusInput).mutation(({ ctx, input }) => setStatusByInspector(ctx, input.id, input.status)),
});
