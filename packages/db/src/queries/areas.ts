import { and, asc, eq } from "drizzle-orm";
import type { ImportedArea } from "@city137/core";
import type { Tx } from "../client";
import { boundsOf } from "../config/bounds";
import { areas, units } from "../schema";

export function listAreas(tx: Tx, p: { tenantId: string; withBoundaries?: boolean }) {
  return tx
    .select({
      id: areas.id,
      level: areas.level,
      code: areas.code,
      parentId: areas.parentId,
      number: areas.number,
      nameFa: areas.nameFa,
      nameEn: areas.nameEn,
      active: areas.active,
      ...(p.withBoundaries ? { boundary: areas.boundary } : {}),
      minLon: areas.minLon,
      minLat: areas.minLat,
      maxLon: areas.maxLon,
      maxLat: areas.maxLat,
    })
    .from(areas)
    .where(eq(areas.tenantId, p.tenantId))
    .orderBy(asc(areas.level), asc(areas.number), asc(areas.code));
}

/** Districts with boundaries, for the point → district index. */
export function districtBoundaries(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({ id: areas.id, parentId: areas.parentId, boundary: areas.boundary })
    .from(areas)
    .where(and(eq(areas.tenantId, p.tenantId), eq(areas.level, "district"), eq(areas.active, true)));
}

/**
 * Adds imported areas; parents may be earlier rows of the same import or
 * areas the city already has. Districts get an office unit of their own so
 * routing to "the district's office" works at once.
 */
export async function insertImportedAreas(tx: Tx, p: { tenantId: string; areas: ImportedArea[] }) {
  const existing = await listAreas(tx, { tenantId: p.tenantId });
  const idByCode = new Map(existing.map((a) => [a.code, a.id]));
  const order = { region: 0, district: 1, neighbourhood: 2 } as const;
  const sorted = [...p.areas].sort((a, b) => order[a.level] - order[b.level]);
  for (const a of sorted) {
    const [row] = await tx
      .insert(areas)
      .values({
        tenantId: p.tenantId,
        level: a.level,
        code: a.code,
        parentId: a.parentCode ? idByCode.get(a.parentCode)! : null,
        nameFa: a.nameFa,
        nameEn: a.nameEn,
        boundary: a.geometry,
        ...boundsOf(a.geometry),
      })
      .returning({ id: areas.id });
    idByCode.set(a.code, row!.id);
    if (a.level !== "neighbourhood") {
      await tx.insert(units).values({
        tenantId: p.tenantId,
        code: `${a.code}-OFFICE`,
        kind: a.level === "region" ? "region_office" : "district_office",
        nameFa: a.level === "region" ? `شهرداری ${a.nameFa}` : `دفتر ${a.nameFa}`,
        nameEn: `${a.nameEn} office`,
        areaId: row!.id,
      });
    }
  }
  return sorted.length;
}

/** Offices that serve each area, for "the district's / region's own office" rules. */
export async function officeDirectory(tx: Tx, p: { tenantId: string }) {
  const rows = await tx
    .select({ areaId: units.areaId, id: units.id, kind: units.kind })
    .from(units)
    .where(and(eq(units.tenantId, p.tenantId), eq(units.active, true)));
  const district = new Map<string, string>();
  const region = new Map<string, string>();
  for (const r of rows) {
    if (!r.areaId) continue;
    if (r.kind === "district_office") district.set(r.areaId, r.id);
    if (r.kind === "region_office") region.set(r.areaId, r.id);
  }
  return { districtOffice: (id: string) => district.get(id) ?? null, regionOffice: (id: string) => region.get(id) ?? null };
}
