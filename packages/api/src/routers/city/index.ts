import { notFound } from "@city137/core";
import { findTenantBySlug, listActiveTenants } from "@city137/db";
import { ZGetCityInput } from "@city137/validators";
import { publicProcedure, router } from "../../trpc";

/** Public: a city's branding, resolved from its slug. */
export const cityRouter = router({
  list: publicProcedure.query(({ ctx }) => ctx.registry((tx) => listActiveTenants(tx))),

  get: publicProcedure.input(ZGetCityInput).query(async ({ ctx, input }) => {
    const city = await ctx.registry((tx) => findTenantBySlug(tx, input.slug));
    if (!city) throw notFound("errors.city.notFound");
    return city;
  }),
});
