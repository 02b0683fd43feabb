import { listAreas } from "@city137/db";
import { ZImportBoundariesInput, ZLocateInput } from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";
import { importBoundaries } from "./import-boundaries";

export const areaRouter = router({
  /** The city's regions, districts and neighbourhoods (without boundaries). */
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listAreas(tx, { tenantId: ctx.tenantId }))),

  /** The district (and region) containing a point, or null when it lies outside every boundary. */
  locate: staffProcedure.input(ZLocateInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => (await ctx.districts.get(tx, ctx.tenantId)).locate(input.lon, input.lat)),
  ),

  importBoundaries: cityAdminProcedure.input(ZImportBoundariesInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.tenant((tx) =>
      importBoundaries(tx, { ...input, tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip }),
    );
    if (outcome.applied) ctx.districts.invalidate(ctx.tenantId);
    return outcome;
  }),

  /** All boundaries as GeoJSON, in the same shape the import reads. */
  exportBoundaries: staffProcedure.query(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const rows = await listAreas(tx, { tenantId: ctx.tenantId, withBoundaries: true });
      const codeOf = new Map(rows.map((r) => [r.id, r.code]));
      return {
        type: "FeatureCollection" as const,
        features: rows
          .filter((r) => r.boundary)
          .map((r) => ({
            type: "Feature" as const,
            properties: { code: r.code, level: r.level, parent: r.parentId ? codeOf.get(r.parentId) ?? null : null, name_fa: r.nameFa, name_en: r.nameEn },
            geometry: r.boundary,
          })),
      };
    }),
  ),
});
