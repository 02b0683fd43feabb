import { listAudit } from "@city137/db";
import { ZListAuditInput } from "@city137/validators";
import { cityAdminProcedure, router } from "../../trpc";

export const auditRouter = router({
  list: cityAdminProcedure.input(ZListAuditInput).query(async ({ ctx, input }) => {
    const rows = await ctx.tenant((tx) => listAudit(tx, { tenantId: ctx.tenantId, limit: input.limit }));
    return rows.map((r) => ({ ...r, at: r.at?.toISOString() ?? null }));
  }),
});
