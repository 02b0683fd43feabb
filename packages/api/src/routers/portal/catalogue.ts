import { notFound, verifyQrCode } from "@city137/core";
import { categoryPaths, countQrUse, getQrCodeByCode, listAreas, listCategories, type Tx } from "@city137/db";
import type { Context } from "../../trpc";
import { inCity, portalCity, settingsOf } from "../../portal/city";

/** The city's face on the portal: names, colours, logo, short number, map, whether it shows public messages. */
export async function cityFace(ctx: Context, slug: string) {
  const c = await portalCity(ctx, slug);
  const { publicMessages } = await inCity(ctx, c, (tx) => settingsOf(tx, c));
  return {
    slug: c.slug,
    nameFa: c.nameFa,
    nameEn: c.nameEn,
    primaryColor: c.primaryColor,
    secondaryColor: c.secondaryColor,
    logoSvg: c.logoSvg,
    shortNumber: c.shortNumber,
    defaultLocale: c.defaultLocale,
    map: { tileUrl: c.mapTileUrl, centerLat: c.mapCenterLat, centerLon: c.mapCenterLon, zoom: c.mapZoom },
    publicMessages,
  };
}

/**
 * The categories a citizen may see in a city, with their paths: active and
 * public along the whole path (a private parent hides its children).
 */
export async function publicCategories(tx: Tx, tenantId: string) {
  const all = await listCategories(tx, { tenantId });
  const byId = new Map(all.map((c) => [c.id, c]));
  const paths = categoryPaths(all);
  const visible = all.filter((c) => c.active && (paths.get(c.id) ?? []).every((id) => byId.get(id)?.public && byId.get(id)?.active));
  return { visible, byId, paths };
}

/**
 * What the submit form offers: the public, active categories that take a
 * message (leaves and inner nodes alike, with their full path and questions),
 * the districts to choose by hand, and region outlines for the map (districts
 * would be too heavy for a phone on a slow line).
 */
export async function portalCatalogue(ctx: Context, slug: string) {
  const city = await portalCity(ctx, slug);
  return inCity(ctx, city, async (tx) => {
    const { visible, byId, paths } = await publicCategories(tx, city.id);
    const areas = await listAreas(tx, { tenantId: city.id, withBoundaries: true });
    const region = new Map(areas.filter((a) => a.level === "region").map((a) => [a.id, a]));
    return {
      categories: visible
        .filter((c) => c.kinds.some((k) => k !== "corruption_report"))
        .map((c) => ({
          id: c.id,
          pathFa: (paths.get(c.id) ?? []).map((id) => byId.get(id)!.nameFa).join(" › "),
          pathEn: (paths.get(c.id) ?? []).map((id) => byId.get(id)!.nameEn).join(" › "),
          descriptionFa: c.descriptionFa,
          descriptionEn: c.descriptionEn,
          kinds: c.kinds.filter((k) => k !== "corruption_report"),
          attributes: c.attributes,
        })),
      districts: areas
        .filter((a) => a.level === "district" && a.active)
        .map((a) => {
          const r = a.parentId ? region.get(a.parentId) : undefined;
          return { id: a.id, nameFa: r ? `${a.nameFa} · ${r.nameFa}` : a.nameFa, nameEn: r ? `${a.nameEn} · ${r.nameEn}` : a.nameEn };
        }),
      outlines: areas
        .filter((a) => a.level === "region" && a.boundary)
        .map((a) => ({ type: "Feature" as const, properties: { code: a.code, level: a.level }, geometry: a.boundary })),
    };
  });
}

/**
 * A scanned QR code: counted, and what it fills in. A forged or unknown code
 * is "not found"; a revoked one answers politely with no details.
 */
export async function openQr(ctx: Context, input: { city: string; code: string }) {
  const city = await portalCity(ctx, input.city);
  const code = input.code.toLowerCase();
  return inCity(ctx, city, async (tx) => {
    const settings = await settingsOf(tx, city);
    if (!verifyQrCode(settings.signingSecret, code)) throw notFound("portal.errors.qrUnknown");
    const qr = await getQrCodeByCode(tx, { tenantId: city.id, code });
    if (!qr) throw notFound("portal.errors.qrUnknown");
    if (qr.revokedAt) return { status: "revoked" as const };
    await countQrUse(tx, { tenantId: city.id, id: qr.id, what: "scan" });
    return { status: "active" as const, code: qr.code, label: qr.label, placeKind: qr.placeKind, lat: qr.lat, lon: qr.lon, categoryIds: qr.categoryIds };
  });
}
