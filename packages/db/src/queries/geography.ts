import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { areas, units } from "../schema";

export function listRegions(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({ id: areas.id, code: areas.code, number: areas.number, nameFa: areas.nameFa, nameEn: areas.nameEn })
    .from(areas)
    .where(and(eq(areas.tenantId, p.tenantId), eq(areas.level, "region")))
    .orderBy(asc(areas.number), asc(areas.code));
}

export function listUnits(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({
      id: units.id,
      code: units.code,
      kind: units.kind,
      nameFa: units.nameFa,
      nameEn: units.nameEn,
      areaId: units.areaId,
      parentUnitId: units.parentUnitId,
      contactPhone: units.contactPhone,
      contactEmail: units.contactEmail,
      active: units.active,
    })
    .from(units)
    .where(eq(units.tenantId, p.tenantId))
    .orderBy(asc(units.code));
}
