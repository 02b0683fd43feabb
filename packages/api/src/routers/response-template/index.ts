import { AppError, notFound } from "@city137/core";
import { insertResponseTemplate, listCategories, listResponseTemplates, recordAudit, updateResponseTemplate, type Tx } from "@city137/db";
import { ZResponseTemplateInput, ZSetResponseTemplateActiveInput, ZUpdateResponseTemplateInput } from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";

async function assertCategory(tx: Tx, tenantId: string, categoryId: string | null) {
  if (!categoryId) return;
  if (!(await listCategories(tx, { tenantId })).some((c) => c.id === categoryId)) {
    throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryId" });
  }
}

/** پاسخ‌های آماده: answers a unit starts from when it resolves or rejects a message, kept by the city's admins. */
export const responseTemplateRouter = router({
  /** Staff see the active ones (offered on the message page); admins see all, to edit. */
  list: staffProcedure.query(({ ctx }) =>
    ctx.tenant((tx) => listResponseTemplates(tx, { tenantId: ctx.tenantId, activeOnly: !ctx.session.user.roles.includes("city_admin") })),
  ),

  create: cityAdminProcedure.input(ZResponseTemplateInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      await assertCategory(tx, ctx.tenantId, input.categoryId);
      const row = await insertResponseTemplate(tx, { tenantId: ctx.tenantId, values: input });
      await recordAudit(tx, ctx.tenantId, { action: "response_template.created", actorId: ctx.session.user.id, targetType: "response_template", targetId: row.id, detail: { title: row.titleFa }, ip: ctx.ip });
      return row;
    }),
  ),

  update: cityAdminProcedure.input(ZUpdateResponseTemplateInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const { id, ...values } = input;
      await assertCategory(tx, ctx.tenantId, values.categoryId);
      const row = await updateResponseTemplate(tx, { tenantId: ctx.tenantId, id, values });
      if (!row) throw notFound();
      await recordAudit(tx, ctx.tenantId, { action: "response_template.updated", actorId: ctx.session.user.id, targetType: "response_template", targetId: row.id, detail: { title: row.titleFa }, ip: ctx.ip });
      return row;
    }),
  ),

  /** Retired templates stay on record (answers already sent quote them) but are no longer offered. */
  setActive: cityAdminProcedure.input(ZSetResponseTemplateActiveInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const row = await updateResponseTemplate(tx, { tenantId: ctx.tenantId, id: input.id, values: { active: input.active } });
      if (!row) throw notFound();
      await recordAudit(tx, ctx.tenantId, { action: input.active ? "response_template.activated" : "response_template.deactivated", actorId: ctx.session.user.id, targetType: "response_template", targetId: row.id, detail: { title: row.titleFa }, ip: ctx.ip });
      return row;
    }),
  ),
});
