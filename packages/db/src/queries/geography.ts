import { asc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { regions, units } from "../schema";

export function listRegions(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({ id: regions.id, code: regions.code, number: regions.number, nameFa: regions.nameFa, nameEn: regions.nameEn })
    .from(regions)
    .where(eq(regions.tenantId, p.tenantId))
    .orderBy(asc(regions.number));
}

export function listUnits(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({
      id: units.id,
      code: units.code,
      kind: units.kind,
      nameFa: units.nameFa,
      nameEn: units.nameEn,
      regionId: units.regionId,
    })
    .from(units)
    .where(eq(units.tenantId, p.tenantId))
    .orderBy(asc(units.code));
}
