import { and, asc, desc, eq, gte, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Tx } from "../client";
import type { DirectSessionStatus } from "@city137/core";
import { directSessions, requestEvents, requests, staff, units } from "../schema";

export type DirectSessionRow = typeof directSessions.$inferSelect;

export async function insertDirectSessions(tx: Tx, rows: Array<typeof directSessions.$inferInsert>) {
  return rows.length ? tx.insert(directSessions).values(rows).returning() : [];
}

export async function getDirectSession(tx: Tx, p: { tenantId: string; id: string }) {
  const [row] = await tx.select().from(directSessions).where(and(eq(directSessions.tenantId, p.tenantId), eq(directSessions.id, p.id)));
  return row ?? null;
}

export async function setDirectSessionStatus(tx: Tx, p: { tenantId: string; id: string; from: DirectSessionStatus; to: DirectSessionStatus }) {
  // Only from the status the caller checked: two staff ending one session at once change it once.
  const [row] = await tx
    .update(directSessions)
    .set({ status: p.to })
    .where(and(eq(directSessions.tenantId, p.tenantId), eq(directSessions.id, p.id), eq(directSessions.status, p.from)))
    .returning();
  return row ?? null;
}

/** A manager's sessions that are not cancelled, for the overlap check. */
export function managerSlots(tx: Tx, p: { tenantId: string; managerStaffId: string }) {
  return tx
    .select({ startsAt: directSessions.startsAt, endsAt: directSessions.endsAt })
    .from(directSessions)
    .where(and(eq(directSessions.tenantId, p.tenantId), eq(directSessions.managerStaffId, p.managerStaffId), ne(directSessions.status, "cancelled")));
}

const sessionColumns = {
  id: directSessions.id,
  managerStaffId: directSessions.managerStaffId,
  managerName: staff.displayName,
  managerTitleFa: directSessions.managerTitleFa,
  managerTitleEn: directSessions.managerTitleEn,
  unitId: directSessions.unitId,
  unitNameFa: units.nameFa,
  unitNameEn: units.nameEn,
  startsAt: directSessions.startsAt,
  endsAt: directSessions.endsAt,
  status: directSessions.status,
  questions: sql<number>`(select count(*)::int from ${requests} r where r.tenant_id = "direct_sessions"."tenant_id" and r.direct_session_id = "direct_sessions"."id")`,
};

/** The timetable: sessions ending after `since` (and every live or unpublished one), earliest first. */
export function listDirectSessions(tx: Tx, p: { tenantId: string; since: Date; statuses?: DirectSessionStatus[] }) {
  return tx
    .select(sessionColumns)
    .from(directSessions)
    .innerJoin(staff, and(eq(staff.tenantId, directSessions.tenantId), eq(staff.id, directSessions.managerStaffId)))
    .innerJoin(units, and(eq(units.tenantId, directSessions.tenantId), eq(units.id, directSessions.unitId)))
    .where(
      and(
        eq(directSessions.tenantId, p.tenantId),
        p.statuses ? inArray(directSessions.status, p.statuses) : undefined,
        sql`(${directSessions.endsAt} >= ${p.since.toISOString()}::timestamptz or ${directSessions.status} in ('live','ended'))`,
      ),
    )
    .orderBy(asc(directSessions.startsAt))
    .limit(200);
}

/** Published sessions, newest first (the portal's past Q&A). */
export function listPublishedDirectSessions(tx: Tx, p: { tenantId: string; limit: number }) {
  return tx
    .select(sessionColumns)
    .from(directSessions)
    .innerJoin(staff, and(eq(staff.tenantId, directSessions.tenantId), eq(staff.id, directSessions.managerStaffId)))
    .innerJoin(units, and(eq(units.tenantId, directSessions.tenantId), eq(units.id, directSessions.unitId)))
    .where(and(eq(directSessions.tenantId, p.tenantId), eq(directSessions.status, "published")))
    .orderBy(desc(directSessions.startsAt))
    .limit(p.limit);
}

/** Upcoming sessions for the portal: scheduled or live, not yet over. */
export function listUpcomingDirectSessions(tx: Tx, p: { tenantId: string; now: Date; limit: number }) {
  return tx
    .select(sessionColumns)
    .from(directSessions)
    .innerJoin(staff, and(eq(staff.tenantId, directSessions.tenantId), eq(staff.id, directSessions.managerStaffId)))
    .innerJoin(units, and(eq(units.tenantId, directSessions.tenantId), eq(units.id, directSessions.unitId)))
    .where(and(eq(directSessions.tenantId, p.tenantId), inArray(directSessions.status, ["scheduled", "live"]), gte(directSessions.endsAt, p.now)))
    .orderBy(asc(directSessions.startsAt))
    .limit(p.limit);
}

/**
 * The questions asked in sessions, oldest first, each with its latest answer
 * (the note of the last "resolve" on its timeline).
 */
export function directSessionQuestions(tx: Tx, p: { tenantId: string; sessionIds: string[] }) {
  if (p.sessionIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: requests.id,
      sessionId: requests.directSessionId,
      trackingCode: requests.trackingCode,
      description: requests.description,
      status: requests.status,
      createdAt: requests.createdAt,
      // Columns spelled out: drizzle leaves them unqualified in a one-table select, and the subquery would read its own.
      answer: sql<string | null>`(select e.note from ${requestEvents} e where e.tenant_id = "requests"."tenant_id" and e.request_id = "requests"."id" and e.type = 'resolve' order by e.at desc limit 1)`,
    })
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), isNotNull(requests.directSessionId), inArray(requests.directSessionId, p.sessionIds)))
    .orderBy(asc(requests.createdAt), asc(requests.seq));
}
