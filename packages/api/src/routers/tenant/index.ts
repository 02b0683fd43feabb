import { listTenantsOverview } from "@city137/db";
import { platformProcedure, router } from "../../trpc";

/** Platform staff: every city at a glance. */
export const tenantRouter = router({
  list: platformProcedure().query(({ ctx }) => ctx.platform((tx) => listTenantsOverview(tx))),
});
