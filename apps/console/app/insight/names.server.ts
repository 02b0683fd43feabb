import type { Api } from "../lib/api.server";

export type Named = { nameFa: string; nameEn: string };

/** Names for breakdown keys: categories, units and regions of the city. */
export async function cityNames(api: Api) {
  const [categories, units, areas] = await Promise.all([api.category.list.query(), api.unit.list.query(), api.area.list.query()]);
  const names: Record<string, Named> = {};
  for (const c of categories) names[c.id] = { nameFa: c.nameFa, nameEn: c.nameEn };
  for (const u of units) names[u.id] = { nameFa: u.nameFa, nameEn: u.nameEn };
  for (const a of areas) names[a.id] = { nameFa: a.nameFa, nameEn: a.nameEn };
  return names;
}
