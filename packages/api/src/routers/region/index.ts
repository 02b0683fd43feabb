import { listRegions } from "@city137/db";
import { router, staffProcedure } from "../../trpc";

export const regionRouter = router({
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listRegions(tx, { tenantId: ctx.tenantId }))),
});
