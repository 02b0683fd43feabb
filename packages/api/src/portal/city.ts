import { notFound } from "@city137/core";
import { findPortalCity, getPortalSettings, withTenant, type PortalCity, type TenantOptions, type Tx } from "@city137/db";
import type { Context } from "../trpc";

/**
 * The portal's one door to a city's data, outside the routers like Open311's
 * (a public URL has no session to bind ctx.tenant() to).
 *
 * The city a portal URL names. The slug is the only thing that chooses the
 * city: every read and write after this runs inside that city's withTenant,
 * so a tracking code or an id of another city is simply not there.
 * An archived city has no portal; a suspended one keeps it (citizens are never
 * silenced by a city's billing).
 */
export async function portalCity(ctx: Context, slug: string): Promise<PortalCity> {
  const city = await ctx.registry((tx) => findPortalCity(tx, { slug }));
  if (!city || city.status === "archived") throw notFound("portal.errors.unknownCity");
  return city;
}

export function inCity<T>(ctx: Context, city: PortalCity, fn: (tx: Tx) => Promise<T>, options?: TenantOptions): Promise<T> {
  return withTenant(ctx.db, city.id, fn, options);
}

export function settingsOf(tx: Tx, city: PortalCity) {
  return getPortalSettings(tx, { tenantId: city.id });
}
