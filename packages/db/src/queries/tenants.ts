import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { tenants } from "../schema";

export const publicTenantColumns = {
  id: tenants.id,
  slug: tenants.slug,
  nameFa: tenants.nameFa,
  nameEn: tenants.nameEn,
  primaryColor: tenants.primaryColor,
  secondaryColor: tenants.secondaryColor,
  logoSvg: tenants.logoSvg,
  shortNumber: tenants.shortNumber,
  defaultLocale: tenants.defaultLocale,
};

export type PublicTenant = {
  id: string;
  slug: string;
  nameFa: string;
  nameEn: string;
  primaryColor: string;
  secondaryColor: string;
  logoSvg: string;
  shortNumber: string;
  defaultLocale: "fa" | "en";
};

export function listActiveTenants(tx: Tx): Promise<PublicTenant[]> {
  return tx
    .select(publicTenantColumns)
    .from(tenants)
    .where(eq(tenants.status, "active"))
    .orderBy(asc(tenants.createdAt), asc(tenants.slug));
}

export async function findTenantBySlug(tx: Tx, slug: string): Promise<PublicTenant | null> {
  const [row] = await tx.select(publicTenantColumns).from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

export async function findTenantById(tx: Tx, id: string): Promise<PublicTenant | null> {
  const [row] = await tx.select(publicTenantColumns).from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}

/** Platform overview: every city with a few counts. Needs withPlatform(). */
export function listTenantsOverview(tx: Tx) {
  return tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      nameFa: tenants.nameFa,
      nameEn: tenants.nameEn,
      status: tenants.status,
      staffCount: sql<number>`(select count(*)::int from staff s where s.tenant_id = "tenants"."id")`,
      regionCount: sql<number>`(select count(*)::int from areas a where a.tenant_id = "tenants"."id" and a.level = 'region')`,
    })
    .from(tenants)
    .orderBy(asc(tenants.createdAt), asc(tenants.slug));
}

export type NewTenant = typeof tenants.$inferInsert;

/** A new city in the registry (app_platform only). */
export async function insertTenant(tx: Tx, values: NewTenant): Promise<{ id: string; slug: string }> {
  const [row] = await tx.insert(tenants).values(values).returning({ id: tenants.id, slug: tenants.slug });
  return row!;
}
