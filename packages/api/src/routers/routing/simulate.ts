import { AppError, compileTree, explainRoute, notFound, type RoutingTree } from "@city137/core";
import { categoryPaths, getRoutingVersion, listCategories, officeDirectory, type Tx } from "@city137/db";
import type { z } from "zod";
import type { ZSimulateRoutingInput } from "@city137/validators";
import type { DistrictIndexCache } from "../../config/district-index-cache";

/**
 * The simulator: which rule of the live tree (or the draft) a sample message
 * would meet, why each earlier rule did not apply, and the unit, priority and
 * SLA that would result.
 */
export async function simulateRouting(
  tx: Tx,
  p: { tenantId: string; districts: DistrictIndexCache; now: Date; input: z.infer<typeof ZSimulateRoutingInput> },
) {
  const { input, tenantId } = p;
  const version = await getRoutingVersion(tx, { tenantId, status: input.version });
  if (!version) throw new AppError("NOT_FOUND", input.version === "draft" ? "errors.routing.noDraft" : "errors.routing.noPublished");
  const cats = await listCategories(tx, { tenantId });
  const category = cats.find((c) => c.id === input.categoryId);
  if (!category) throw notFound("errors.routing.unknownCategory");
  const located =
    input.lat != null && input.lon != null ? (await p.districts.get(tx, tenantId)).locate(input.lon, input.lat) : null;
  const offices = await officeDirectory(tx, { tenantId });
  const { decision, trace } = explainRoute(
    compileTree(version.tree as RoutingTree),
    {
      categoryPath: categoryPaths(cats).get(category.id)!,
      kind: input.kind,
      channel: input.channel,
      priority: input.priority ?? category.priority,
      regionId: located?.regionId ?? null,
      districtId: located?.districtId ?? null,
      at: input.at ? new Date(input.at) : p.now,
      text: input.text,
    },
    offices,
  );
  return {
    version: { id: version.id, number: version.number, status: version.status },
    located,
    decision: { ...decision, slaMinutes: decision.slaMinutes ?? category.slaMinutes },
    trace,
  };
}
