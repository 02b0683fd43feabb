import { AppError, notFound } from "@city137/core";
import { deleteSavedFilter, listSavedFilters, upsertSavedFilter } from "@city137/db";
import { ZRemoveFilterInput, ZSaveFilterInput } from "@city137/validators";
import { router, staffProcedure } from "../../trpc";

const SHARERS = ["supervisor", "city_admin"];

/** A member's named queue searches; supervisors and admins may share one with the whole city. */
export const savedFilterRouter = router({
  list: staffProcedure.query(({ ctx }) =>
    ctx.tenant(async (tx) =>
      (await listSavedFilters(tx, { tenantId: ctx.tenantId, staffId: ctx.session.user.id })).map((f) => ({ ...f, mine: f.staffId === ctx.session.user.id })),
    ),
  ),

  save: staffProcedure.input(ZSaveFilterInput).mutation(({ ctx, input }) => {
    if (input.shared && !ctx.session.user.roles.some((r) => SHARERS.includes(r))) throw new AppError("FORBIDDEN", "errors.savedFilter.cannotShare", { field: "shared" });
    return ctx.tenant((tx) => upsertSavedFilter(tx, { tenantId: ctx.tenantId, staffId: ctx.session.user.id, ...input }));
  }),

  /** One's own; a city admin may also take down a shared one. */
  remove: staffProcedure.input(ZRemoveFilterInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const removed = await deleteSavedFilter(tx, { tenantId: ctx.tenantId, id: input.id, staffId: ctx.session.user.id, any: ctx.session.user.roles.includes("city_admin") });
      if (!removed) throw notFound();
      return { id: input.id };
    }),
  ),
});
