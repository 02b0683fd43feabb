import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { RequestState } from "@city137/core";
import type { Tx } from "../client";
import { outbox, requestEvents, requests, tenantCounters } from "../schema";

export type NewRequest = Omit<typeof requests.$inferInsert, "tenantId" | "id" | "seq" | "trackingCode">;

/** The next number of a per-city counter; the row lock orders concurrent intakes in one city. */
export async function nextCounter(tx: Tx, p: { tenantId: string; name: string }): Promise<number> {
  const [row] = await tx
    .insert(tenantCounters)
    .values({ tenantId: p.tenantId, name: p.name, value: 1 })
    .onConflictDoUpdate({ target: [tenantCounters.tenantId, tenantCounters.name], set: { value: sql`${tenantCounters.value} + 1` } })
    .returning({ value: tenantCounters.value });
  return row!.value;
}

export async function findRequestByIdempotencyKey(tx: Tx, p: { tenantId: string; key: string }) {
  const [row] = await tx.select().from(requests).where(and(eq(requests.tenantId, p.tenantId), eq(requests.idempotencyKey, p.key)));
  return row ?? null;
}

export async function insertRequest(tx: Tx, p: { tenantId: string; seq: number; trackingCode: string; values: NewRequest }) {
  const [row] = await tx
    .insert(requests)
    .values({ ...p.values, tenantId: p.tenantId, seq: p.seq, trackingCode: p.trackingCode })
    .returning();
  return row!;
}

export async function getRequest(tx: Tx, p: { tenantId: string; id?: string; trackingCode?: string }) {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), p.id ? eq(requests.id, p.id) : eq(requests.trackingCode, p.trackingCode ?? "")));
  return row ?? null;
}

export async function updateRequest(tx: Tx, p: { tenantId: string; id: string; values: Partial<typeof requests.$inferInsert> }) {
  const [row] = await tx
    .update(requests)
    .set({ ...p.values, updatedAt: sql`now()` })
    .where(and(eq(requests.tenantId, p.tenantId), eq(requests.id, p.id)))
    .returning();
  return row ?? null;
}

export function listRequestEvents(tx: Tx, p: { tenantId: string; requestId: string }) {
  return tx
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.tenantId, p.tenantId), eq(requestEvents.requestId, p.requestId)))
    .orderBy(asc(requestEvents.at), asc(requestEvents.recordedAt));
}

export async function insertRequestEvent(tx: Tx, p: typeof requestEvents.$inferInsert) {
  await tx.insert(requestEvents).values(p);
}

/** A notification to send after commit; the same dedupe key twice is written once. */
export async function enqueueOutbox(tx: Tx, p: { tenantId: string; topic: string; dedupeKey: string; payload: unknown }) {
  await tx.insert(outbox).values(p).onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupeKey] });
}

export function listOutbox(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(outbox).where(eq(outbox.tenantId, p.tenantId)).orderBy(asc(outbox.createdAt));
}

const OPEN: RequestState[] = ["registered", "referred", "in_progress", "reopened"];

/** Queues: by units, by citizen mobile, open or all; nearest deadline first. */
export function listRequests(
  tx: Tx,
  p: { tenantId: string; unitIds?: string[]; mobile?: string; openOnly: boolean; limit: number },
) {
  return tx
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      categoryId: requests.categoryId,
      channel: requests.channel,
      status: requests.status,
      priority: requests.priority,
      unitId: requests.unitId,
      districtId: requests.districtId,
      deadline: requests.deadline,
      createdAt: requests.createdAt,
      description: requests.description,
    })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        p.unitIds ? (p.unitIds.length ? inArray(requests.unitId, p.unitIds) : sql`false`) : undefined,
        p.mobile ? eq(requests.citizenMobile, p.mobile) : undefined,
        p.openOnly ? inArray(requests.status, OPEN) : undefined,
      ),
    )
    .orderBy(p.openOnly ? asc(requests.deadline) : desc(requests.createdAt))
    .limit(p.limit);
}

/** Open messages of a category inside a box (the caller then measures real distances). */
export function openRequestsInBox(
  tx: Tx,
  p: { tenantId: string; categoryId: string; minLat: number; maxLat: number; minLon: number; maxLon: number; limit: number },
) {
  return tx
    .select({ id: requests.id, trackingCode: requests.trackingCode, status: requests.status, lat: requests.lat, lon: requests.lon, description: requests.description, createdAt: requests.createdAt, kind: requests.kind, unitId: requests.unitId })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        eq(requests.categoryId, p.categoryId),
        inArray(requests.status, OPEN),
        sql`${requests.lat} between ${p.minLat} and ${p.maxLat}`,
        sql`${requests.lon} between ${p.minLon} and ${p.maxLon}`,
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(p.limit);
}
