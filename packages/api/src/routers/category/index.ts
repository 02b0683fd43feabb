import { AppError, notFound } from "@city137/core";
import { listCategories, recordAudit, updateCategory } from "@city137/db";
import {
  ZCreateCategoryInput,
  ZExportCategoriesInput,
  ZImportCategoriesInput,
  ZSetCategoryActiveInput,
  ZUpdateCategoryInput,
} from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";
import { exportCategories, importCategories } from "./import";
import { saveCategory } from "./write";

export const categoryRouter = router({
  /** The whole tree, flat with parent ids, in display order. */
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listCategories(tx, { tenantId: ctx.tenantId }))),

  create: cityAdminProcedure.input(ZCreateCategoryInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => saveCategory(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip }, input)),
  ),

  update: cityAdminProcedure.input(ZUpdateCategoryInput).mutation(({ ctx, input: { id, ...fields } }) =>
    ctx.tenant((tx) => saveCategory(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip }, fields, id)),
  ),

  /** Categories are disabled, never deleted: messages keep pointing at them. */
  setActive: cityAdminProcedure.input(ZSetCategoryActiveInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const row = await updateCategory(tx, { tenantId: ctx.tenantId, id: input.id, values: { active: input.active } });
      if (!row) throw notFound();
      await recordAudit(tx, ctx.tenantId, { action: input.active ? "config.category_enabled" : "config.category_disabled", actorId: ctx.session.user.id, targetType: "category", targetId: row.id, ip: ctx.ip });
      return row;
    }),
  ),

  import: cityAdminProcedure.input(ZImportCategoriesInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const outcome = await importCategories(tx, { ...input, tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip });
      if (!input.dryRun && !outcome.applied && outcome.problems.length === 0) throw new AppError("BAD_REQUEST", "errors.import.empty", { field: "text" });
      return outcome;
    }),
  ),

  export: cityAdminProcedure.input(ZExportCategoriesInput).query(({ ctx, input }) =>
    ctx.tenant((tx) => exportCategories(tx, { tenantId: ctx.tenantId, format: input.format })),
  ),
});
