import { listUnits } from "@city137/db";
import { router, staffProcedure } from "../../trpc";

export const unitRouter = router({
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listUnits(tx, { tenantId: ctx.tenantId }))),
});
