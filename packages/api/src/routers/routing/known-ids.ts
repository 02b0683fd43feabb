import type { KnownIds } from "@city137/core";
import { listAreas, listCategories, listUnits, type Tx } from "@city137/db";

/** What a routing tree may refer to in this city. */
export async function knownIds(tx: Tx, tenantId: string): Promise<KnownIds> {
  const [units, categories, areas] = await Promise.all([
    listUnits(tx, { tenantId }),
    listCategories(tx, { tenantId }),
    listAreas(tx, { tenantId }),
  ]);
  return {
    activeUnitIds: new Set(units.filter((u) => u.active).map((u) => u.id)),
    categoryIds: new Set(categories.map((c) => c.id)),
    regionIds: new Set(areas.filter((a) => a.level === "region").map((a) => a.id)),
    districtIds: new Set(areas.filter((a) => a.level === "district").map((a) => a.id)),
  };
}
