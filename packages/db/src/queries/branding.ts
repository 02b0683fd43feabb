import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { tenants } from "../schema";

const brandingColumns = {
  nameFa: tenants.nameFa,
  nameEn: tenants.nameEn,
  primaryColor: tenants.primaryColor,
  secondaryColor: tenants.secondaryColor,
  logoSvg: tenants.logoSvg,
  shortNumber: tenants.shortNumber,
  defaultLocale: tenants.defaultLocale,
  customHost: tenants.customHost,
  smsSender: tenants.smsSender,
  mapTileUrl: tenants.mapTileUrl,
  mapCenterLat: tenants.mapCenterLat,
  mapCenterLon: tenants.mapCenterLon,
  mapZoom: tenants.mapZoom,
};

export type Branding = { [K in keyof typeof brandingColumns]: (typeof tenants.$inferSelect)[K] };

export async function getBranding(tx: Tx, p: { tenantId: string }): Promise<Branding | null> {
  const [row] = await tx.select(brandingColumns).from(tenants).where(eq(tenants.id, p.tenantId));
  return row ?? null;
}

/** RLS lets a city update only its own row, and grants only these columns. */
export async function updateBranding(tx: Tx, p: { tenantId: string; values: Partial<Branding> }) {
  const rows = await tx.update(tenants).set(p.values).where(eq(tenants.id, p.tenantId)).returning(brandingColumns);
  return rows[0] ?? null;
}
