import { notFound } from "@city137/core";
import { getBranding, recordAudit, updateBranding } from "@city137/db";
import { ZUpdateBrandingInput } from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";

export const brandingRouter = router({
  get: staffProcedure.query(async ({ ctx }) => {
    const branding = await ctx.tenant((tx) => getBranding(tx, { tenantId: ctx.tenantId }));
    if (!branding) throw notFound();
    return branding;
  }),

  update: cityAdminProcedure.input(ZUpdateBrandingInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const before = await getBranding(tx, { tenantId: ctx.tenantId });
      const after = await updateBranding(tx, { tenantId: ctx.tenantId, values: input });
      if (!before || !after) throw notFound();
      await recordAudit(tx, ctx.tenantId, {
        action: "config.branding_changed",
        actorId: ctx.session.user.id,
        targetType: "city",
        targetId: ctx.tenantId,
        detail: { before: changed(before, after), after: changed(after, before) },
        ip: ctx.ip,
      });
      return after;
    }),
  ),
});

/** Only the fields that differ, so the audit log stays readable. */
function changed<T extends Record<string, unknown>>(a: T, b: T): Partial<T> {
  return Object.fromEntries(Object.entries(a).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(b[k]))) as Partial<T>;
}
