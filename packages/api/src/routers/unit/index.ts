import { listUnits } from "@city137/db";
import { ZCreateUnitInput, ZSetUnitActiveInput, ZUpdateUnitInput } from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";
import { saveUnit, setUnitActive } from "./write";

const actor = (ctx: { tenantId: string; session: { user: { id: string } }; ip: string | null }) => ({
  tenantId: ctx.tenantId,
  actorId: ctx.session.user.id,
  ip: ctx.ip,
});

export const unitRouter = router({
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listUnits(tx, { tenantId: ctx.tenantId }))),

  create: cityAdminProcedure.input(ZCreateUnitInput).mutation(({ ctx, input }) => ctx.tenant((tx) => saveUnit(tx, actor(ctx), input))),

  update: cityAdminProcedure.input(ZUpdateUnitInput).mutation(({ ctx, input: { id, ...fields } }) =>
    ctx.tenant((tx) => saveUnit(tx, actor(ctx), fields, id)),
  ),

  /** Units are deactivated, never deleted. */
  setActive: cityAdminProcedure.input(ZSetUnitActiveInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => setUnitActive(tx, actor(ctx), input.id, input.active)),
  ),
});
