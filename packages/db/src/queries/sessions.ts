import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { builtOnce } from "../built-once";
import { platformSessions, platformUsers, sessions, staff, staffUnits, tenants } from "../schema";
import { publicTenantColumns } from "./tenants";

export async function createStaffSession(
  tx: Tx,
  p: { tenantId: string; staffId: string; tokenHash: string; now: Date; expiresAt: Date },
) {
  const { now, ...row } = p;
  await tx.insert(sessions).values({ ...row, createdAt: now, lastSeenAt: now });
}

/**
 * A city session by its hashed token, with what every request needs of it —
 * the member of staff, their units and the city — in one statement (it runs
 * before every staff call).
 */
const staffSessionByToken = builtOnce("staff_session_by_token", (tx) =>
  tx
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      staff: {
        id: staff.id,
        username: staff.username,
        displayName: staff.displayName,
        email: staff.email,
        roles: staff.roles,
        active: staff.active,
      },
      unitIds: sql<string[]>`coalesce((select array_agg(${staffUnits.unitId} order by ${staffUnits.unitId}) from ${staffUnits} where ${staffUnits.tenantId} = ${sessions.tenantId} and ${staffUnits.staffId} = ${sessions.staffId}), '{}')`,
      city: publicTenantColumns,
    })
    .from(sessions)
    .innerJoin(staff, and(eq(staff.tenantId, sessions.tenantId), eq(staff.id, sessions.staffId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tenantId, sql.placeholder("tenantId")), eq(sessions.tokenHash, sql.placeholder("tokenHash")))),
);

/** Every staff call looks its session up: the statement is built once (docs/decisions/028). */
export async function findStaffSession(tx: Tx, p: { tenantId: string; tokenHash: string }) {
  const [row] = await staffSessionByToken.run(tx, { tenantId: p.tenantId, tokenHash: p.tokenHash });
  return row ?? null;
}

export async function touchStaffSession(tx: Tx, p: { tenantId: string; sessionId: string; at: Date }) {
  await tx
    .update(sessions)
    .set({ lastSeenAt: p.at })
    .where(and(eq(sessions.tenantId, p.tenantId), eq(sessions.id, p.sessionId)));
}

export async function deleteStaffSession(tx: Tx, p: { tenantId: string; sessionId: string }) {
  await tx.delete(sessions).where(and(eq(sessions.tenantId, p.tenantId), eq(sessions.id, p.sessionId)));
}

export async function deleteStaffSessionsOf(tx: Tx, p: { tenantId: string; staffId: string }) {
  await tx.delete(sessions).where(and(eq(sessions.tenantId, p.tenantId), eq(sessions.staffId, p.staffId)));
}

export async function createPlatformSession(
  tx: Tx,
  p: { userId: string; tokenHash: string; now: Date; expiresAt: Date },
) {
  const { now, ...row } = p;
  await tx.insert(platformSessions).values({ ...row, createdAt: now, lastSeenAt: now });
}

export async function findPlatformSession(tx: Tx, p: { tokenHash: string }) {
  const [row] = await tx
    .select({
      id: platformSessions.id,
      createdAt: platformSessions.createdAt,
      lastSeenAt: platformSessions.lastSeenAt,
      expiresAt: platformSessions.expiresAt,
      user: {
        id: platformUsers.id,
        username: platformUsers.username,
        displayName: platformUsers.displayName,
        email: platformUsers.email,
        roles: platformUsers.roles,
        active: platformUsers.active,
      },
    })
    .from(platformSessions)
    .innerJoin(platformUsers, eq(platformUsers.id, platformSessions.userId))
    .where(eq(platformSessions.tokenHash, p.tokenHash));
  return row ?? null;
}

export async function touchPlatformSession(tx: Tx, p: { sessionId: string; at: Date }) {
  await tx.update(platformSessions).set({ lastSeenAt: p.at }).where(eq(platformSessions.id, p.sessionId));
}

export async function deletePlatformSession(tx: Tx, p: { sessionId: string }) {
  await tx.delete(platformSessions).where(eq(platformSessions.id, p.sessionId));
}
