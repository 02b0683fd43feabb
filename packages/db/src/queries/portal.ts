import { randomBytes } from "node:crypto";
import { and, count, desc, eq, gte, gt, ne, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { citizenSessions, otpChallenges, portalSettings, requestFeedback, requests, tenants } from "../schema";

export type PortalSettingsRow = typeof portalSettings.$inferSelect;

/** The city's portal settings, made with defaults and a fresh signing key on first use (id = tenant id: one row). */
export async function getPortalSettings(tx: Tx, p: { tenantId: string }): Promise<PortalSettingsRow> {
  const [found] = await tx.select().from(portalSettings).where(and(eq(portalSettings.tenantId, p.tenantId), eq(portalSettings.id, p.tenantId)));
  if (found) return found;
  await tx
    .insert(portalSettings)
    .values({ tenantId: p.tenantId, id: p.tenantId, signingSecret: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const [made] = await tx.select().from(portalSettings).where(and(eq(portalSettings.tenantId, p.tenantId), eq(portalSettings.id, p.tenantId)));
  return made!;
}

export async function updatePortalSettings(
  tx: Tx,
  p: { tenantId: string; values: Partial<Pick<PortalSettingsRow, "reopenWindowDays" | "otpPerMobileDaily" | "otpPerClientDaily" | "otpPerCityDaily" | "publicMessages">> },
) {
  await getPortalSettings(tx, p);
  const [row] = await tx.update(portalSettings).set(p.values).where(and(eq(portalSettings.tenantId, p.tenantId), eq(portalSettings.id, p.tenantId))).returning();
  return row!;
}

/** Codes sent since an instant: to this mobile, to this client, and in the whole city. */
export async function countOtpSince(tx: Tx, p: { tenantId: string; mobile: string; clientHash: string; since: Date }) {
  const since = gte(otpChallenges.createdAt, p.since);
  const n = async (extra?: ReturnType<typeof eq>) =>
    (await tx.select({ n: count() }).from(otpChallenges).where(and(eq(otpChallenges.tenantId, p.tenantId), since, extra)))[0]!.n;
  return { mobile: await n(eq(otpChallenges.mobile, p.mobile)), client: await n(eq(otpChallenges.clientHash, p.clientHash)), city: await n() };
}

export async function insertOtpChallenge(tx: Tx, p: typeof otpChallenges.$inferInsert) {
  const [row] = await tx.insert(otpChallenges).values(p).returning();
  return row!;
}

/** The newest challenge of a mobile (only the newest counts: asking again voids the older ones). */
export async function latestOtpChallenge(tx: Tx, p: { tenantId: string; mobile: string }) {
  const [row] = await tx
    .select()
    .from(otpChallenges)
    .where(and(eq(otpChallenges.tenantId, p.tenantId), eq(otpChallenges.mobile, p.mobile)))
    .orderBy(desc(otpChallenges.createdAt), desc(otpChallenges.id))
    .limit(1);
  return row ?? null;
}

export async function countOtpAttempt(tx: Tx, p: { tenantId: string; id: string; used: boolean; at: Date }) {
  await tx
    .update(otpChallenges)
    .set({ attempts: sql`${otpChallenges.attempts} + 1`, ...(p.used ? { usedAt: p.at } : {}) })
    .where(and(eq(otpChallenges.tenantId, p.tenantId), eq(otpChallenges.id, p.id)));
}

export async function insertCitizenSession(tx: Tx, p: { tenantId: string; mobile: string; tokenHash: string; expiresAt: Date }) {
  const [row] = await tx.insert(citizenSessions).values(p).returning();
  return row!;
}

export async function findCitizenSession(tx: Tx, p: { tenantId: string; tokenHash: string; now: Date }) {
  const [row] = await tx
    .select()
    .from(citizenSessions)
    .where(and(eq(citizenSessions.tenantId, p.tenantId), eq(citizenSessions.tokenHash, p.tokenHash), gt(citizenSessions.expiresAt, p.now)));
  return row ?? null;
}

/** What the portal shows of a city: its branding, map and SMS line (the registry is public). */
export async function findPortalCity(tx: Tx, p: { slug?: string; id?: string }) {
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      nameFa: tenants.nameFa,
      nameEn: tenants.nameEn,
      primaryColor: tenants.primaryColor,
      secondaryColor: tenants.secondaryColor,
      logoSvg: tenants.logoSvg,
      shortNumber: tenants.shortNumber,
      defaultLocale: tenants.defaultLocale,
      smsSender: tenants.smsSender,
      mapTileUrl: tenants.mapTileUrl,
      mapCenterLat: tenants.mapCenterLat,
      mapCenterLon: tenants.mapCenterLon,
      mapZoom: tenants.mapZoom,
      status: tenants.status,
    })
    .from(tenants)
    .where(p.id ? eq(tenants.id, p.id) : eq(tenants.slug, p.slug ?? ""));
  return row ?? null;
}
export type PortalCity = NonNullable<Awaited<ReturnType<typeof findPortalCity>>>;

/** A verified citizen's messages in one city, newest first (never confidential reports). */
export function listRequestsByMobile(tx: Tx, p: { tenantId: string; mobile: string; limit?: number }) {
  return tx
    .select({ id: requests.id, trackingCode: requests.trackingCode, kind: requests.kind, categoryId: requests.categoryId, status: requests.status, description: requests.description, createdAt: requests.createdAt, resolvedAt: requests.resolvedAt })
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), eq(requests.citizenMobile, p.mobile), ne(requests.kind, "corruption_report")))
    .orderBy(desc(requests.createdAt))
    .limit(p.limit ?? 100);
}

export async function getFeedback(tx: Tx, p: { tenantId: string; requestId: string }) {
  const [row] = await tx.select().from(requestFeedback).where(and(eq(requestFeedback.tenantId, p.tenantId), eq(requestFeedback.requestId, p.requestId)));
  return row ?? null;
}

/** One answer per message: a second one is refused by the unique key (null comes back). */
export async function insertFeedback(tx: Tx, p: typeof requestFeedback.$inferInsert) {
  const rows = await tx.insert(requestFeedback).values(p).onConflictDoNothing().returning();
  return rows[0] ?? null;
}
