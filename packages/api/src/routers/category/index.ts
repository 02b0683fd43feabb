import { listCategories } from "@city137/db";
import { router, staffProcedure } from "../../trpc";

export const categoryRouter = router({
  /** The whole tree, flat with parent ids, in display order. */
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listCategories(tx, { tenantId: ctx.tenantId }))),
});
