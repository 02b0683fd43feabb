import { AppError, newQrCode, notFound } from "@city137/core";
import { getPortalSettings, insertQrCode, listCategories, listQrCodes, listUnits, revokeQrCode } from "@city137/db";
import { ZQrCreateInput, ZQrRevokeInput } from "@city137/validators";
import { cityRoleProcedure, router } from "../../trpc";

const qrStaff = cityRoleProcedure("city_admin", "supervisor");

const view = (q: Awaited<ReturnType<typeof listQrCodes>>[number]) => ({
  id: q.id,
  code: q.code,
  label: q.label,
  placeKind: q.placeKind,
  lat: q.lat,
  lon: q.lon,
  unitId: q.unitId,
  categoryIds: q.categoryIds,
  scans: q.scans,
  messages: q.messages,
  createdAt: q.createdAt.toISOString(),
  revokedAt: q.revokedAt?.toISOString() ?? null,
});

/** QR codes for places, vehicles, lines, kiosks and offices (docs/decisions/012). */
export const qrRouter = router({
  list: qrStaff.query(({ ctx }) => ctx.tenant(async (tx) => (await listQrCodes(tx, { tenantId: ctx.tenantId })).map(view))),

  /** One code, or a numbered batch ("Bus 101" … "Bus 150") for a sheet of stickers. */
  create: qrStaff.input(ZQrCreateInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      if ((input.lat === null) !== (input.lon === null)) throw new AppError("BAD_REQUEST", "errors.request.halfPoint", { field: input.lat === null ? "lat" : "lon" });
      if (input.unitId && !(await listUnits(tx, { tenantId: ctx.tenantId })).some((u) => u.id === input.unitId && u.active)) {
        throw new AppError("NOT_FOUND", "errors.request.unknownUnit", { field: "unitId" });
      }
      const categories = await listCategories(tx, { tenantId: ctx.tenantId });
      for (const id of input.categoryIds) {
        if (!categories.some((c) => c.id === id && c.active && c.public)) throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryIds" });
      }
      const { signingSecret } = await getPortalSettings(tx, { tenantId: ctx.tenantId });
      const made = [];
      for (let i = 0; i < input.count; i++) {
        const label = input.count > 1 || input.firstNumber !== null ? `${input.label} ${(input.firstNumber ?? 1) + i}` : input.label;
        made.push(
          await insertQrCode(tx, {
            tenantId: ctx.tenantId,
            code: newQrCode(signingSecret),
            label,
            placeKind: input.placeKind,
            lat: input.lat,
            lon: input.lon,
            unitId: input.unitId,
            categoryIds: input.categoryIds,
            createdBy: ctx.session.user.id,
            createdAt: ctx.now(),
          }),
        );
      }
      return made.map(view);
    }),
  ),

  revoke: qrStaff.input(ZQrRevokeInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const q = await revokeQrCode(tx, { tenantId: ctx.tenantId, id: input.id, at: ctx.now() });
      if (!q) throw notFound();
      return view(q);
    }),
  ),
});
