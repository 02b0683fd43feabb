import { listTenantsOverview } from "@city137/db";
import { ZProvisionTenantInput } from "@city137/validators";
import { provisionTenant } from "../../platform/provision";
import { platformProcedure, router } from "../../trpc";

/** Platform staff: every city at a glance, and new cities. */
export const tenantRouter = router({
  list: platformProcedure().query(({ ctx }) => ctx.platform((tx) => listTenantsOverview(tx))),

  /** A new city from a template, with its first admin invited (platform admins only). */
  provision: platformProcedure("platform_admin")
    .input(ZProvisionTenantInput)
    .mutation(({ ctx, input }) => provisionTenant(ctx.db, { platformUserId: ctx.session.user.id, ip: ctx.ip, now: ctx.now() }, input)),
});
