import { listStaff } from "@city137/db";
import {
  ZCreateStaffInput,
  ZReinviteStaffInput,
  ZSetStaffActiveInput,
  ZSetStaffUnitsInput,
  ZUpdateStaffRolesInput,
} from "@city137/validators";
import { cityAdminProcedure, router } from "../../trpc";
import { createStaff, reinviteStaff, setActive, setUnits } from "./admin";
import { changeStaffRoles } from "./update-roles";

const actor = (ctx: { tenantId: string; session: { user: { id: string } }; ip: string | null; now: () => Date }) => ({
  tenantId: ctx.tenantId,
  actorId: ctx.session.user.id,
  ip: ctx.ip,
  now: ctx.now(),
});

export const staffRouter = router({
  list: cityAdminProcedure.query(({ ctx }) => ctx.tenant((tx) => listStaff(tx, { tenantId: ctx.tenantId }))),

  /** Creates the account and returns a one-time invitation link to pass on. */
  create: cityAdminProcedure.input(ZCreateStaffInput).mutation(({ ctx, input }) => ctx.tenant((tx) => createStaff(tx, actor(ctx), input))),

  reinvite: cityAdminProcedure.input(ZReinviteStaffInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => reinviteStaff(tx, actor(ctx), input.staffId)),
  ),

  updateRoles: cityAdminProcedure.input(ZUpdateStaffRolesInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) =>
      changeStaffRoles(tx, { ...input, tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip }),
    ),
  ),

  setUnits: cityAdminProcedure.input(ZSetStaffUnitsInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => setUnits(tx, actor(ctx), input.staffId, input.unitIds)),
  ),

  setActive: cityAdminProcedure.input(ZSetStaffActiveInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => setActive(tx, actor(ctx), input.staffId, input.active)),
  ),
});
