import { listStaff } from "@city137/db";
import { ZUpdateStaffRolesInput } from "@city137/validators";
import { cityAdminProcedure, router } from "../../trpc";
import { changeStaffRoles } from "./update-roles";

export const staffRouter = router({
  list: cityAdminProcedure.query(({ ctx }) => ctx.tenant((tx) => listStaff(tx, { tenantId: ctx.tenantId }))),

  updateRoles: cityAdminProcedure.input(ZUpdateStaffRolesInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) =>
      changeStaffRoles(tx, { ...input, tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip }),
    ),
  ),
});
