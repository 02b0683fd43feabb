import { notFound } from "@city137/core";
import { findTenantBySlug, listActiveTenants, withoutTenant } from "@city137/db";
import { ZGetCityInput } from "@city137/validators";
import { publicProcedure, router } from "../../trpc";

/** Public: a city's branding, resolved from its slug. */
export const cityRouter = router({
  list: publicProcedure.query(({ ctx }) => withoutTenant(ctx.db, (tx) => listActiveTenants(tx))),

  get: publicProcedure.input(ZGetCityInput).query(async ({ ctx, input }) => {
    const city = await withoutTenant(ctx.db, (tx) => findTenantBySlug(tx, input.slug));
    if (!city) throw notFound("errors.city.notFound");
    return city;
  }),
});
