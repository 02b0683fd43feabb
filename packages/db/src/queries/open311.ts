import { and, asc, desc, eq, gte, inArray, isNotNull, like, lte, ne, sql } from "drizzle-orm";
import type { RequestState } from "@city137/core";
import type { Tx } from "../client";
import { registeredFirst } from "./requests";
import { auditLog, categories, open311Requests, requestEvents, requests, units } from "../schema";

/**
 * Reads for the Open311 API. Every one takes the set of categories Open311
 * may show (public ones, computed by the caller) and leaves corruption
 * reports out in SQL, before paging. None of them selects a citizen's name,
 * mobile, national id or e-mail.
 */
export interface Open311RequestFilter {
  tenantId: string;
  /** The categories Open311 may show; requests in any other are invisible. */
  visibleCategoryIds: string[];
  trackingCodes?: string[];
  categoryIds?: string[];
  statuses?: RequestState[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Actions whose note is written to the citizen (it goes out by SMS too); "reopen" voids the earlier answer. */
export const OPEN311_NOTE_ACTIONS = ["resolve", "reject", "forward", "reopen"] as const;

const noteActions = sql.join(
  OPEN311_NOTE_ACTIONS.map((a) => sql`${a}`),
  sql`, `,
);

export function listOpen311Requests(tx: Tx, p: Open311RequestFilter) {
  const lastAnswer = sql<{ type: string; note: string | null } | null>`(
    select json_build_object('type', e.type, 'note', e.note) from ${requestEvents} e
    where e.tenant_id = ${requests.tenantId} and e.request_id = ${requests.id} and e.type in (${noteActions})
    order by e.at desc, e.recorded_at desc limit 1)`;
  return tx
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      status: requests.status,
      categoryId: requests.categoryId,
      description: requests.description,
      address: requests.address,
      lat: requests.lat,
      lon: requests.lon,
      createdAt: requests.createdAt,
      updatedAt: requests.updatedAt,
      deadline: requests.deadline,
      unitNameFa: units.nameFa,
      unitNameEn: units.nameEn,
      mediaUrl: open311Requests.mediaUrl,
      lastAnswer,
    })
    .from(requests)
    .leftJoin(units, and(eq(units.tenantId, requests.tenantId), eq(units.id, requests.unitId)))
    .leftJoin(open311Requests, and(eq(open311Requests.tenantId, requests.tenantId), eq(open311Requests.requestId, requests.id)))
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        ne(requests.kind, "corruption_report"),
        p.visibleCategoryIds.length ? inArray(requests.categoryId, p.visibleCategoryIds) : sql`false`,
        p.trackingCodes ? (p.trackingCodes.length ? inArray(requests.trackingCode, p.trackingCodes) : sql`false`) : undefined,
        p.categoryIds ? (p.categoryIds.length ? inArray(requests.categoryId, p.categoryIds) : sql`false`) : undefined,
        p.statuses ? (p.statuses.length ? inArray(requests.status, p.statuses) : sql`false`) : undefined,
        p.from ? gte(requests.createdAt, p.from) : undefined,
        p.to ? lte(requests.createdAt, p.to) : undefined,
      ),
    )
    .orderBy(desc(requests.createdAt), desc(requests.seq))
    .limit(p.limit)
    .offset(p.offset);
}

export type Open311RequestRow = Awaited<ReturnType<typeof listOpen311Requests>>[number];

/** Changes of state of the visible messages in [from, to], oldest first (mySociety's servicerequestupdates). */
export function listOpen311Updates(tx: Tx, p: { tenantId: string; visibleCategoryIds: string[]; from: Date; to: Date; limit: number; offset: number }) {
  return tx
    .select({
      id: requestEvents.id,
      at: requestEvents.at,
      type: requestEvents.type,
      toStatus: requestEvents.toStatus,
      note: requestEvents.note,
      trackingCode: requests.trackingCode,
    })
    .from(requestEvents)
    .innerJoin(requests, and(eq(requests.tenantId, requestEvents.tenantId), eq(requests.id, requestEvents.requestId)))
    .where(
      and(
        eq(requestEvents.tenantId, p.tenantId),
        isNotNull(requestEvents.toStatus),
        gte(requestEvents.at, p.from),
        lte(requestEvents.at, p.to),
        ne(requests.kind, "corruption_report"),
        p.visibleCategoryIds.length ? inArray(requests.categoryId, p.visibleCategoryIds) : sql`false`,
      ),
    )
    .orderBy(asc(requestEvents.at), asc(requestEvents.recordedAt), registeredFirst, asc(requestEvents.id))
    .limit(p.limit)
    .offset(p.offset);
}

export async function insertOpen311Request(
  tx: Tx,
  p: { tenantId: string; requestId: string; apiKeyId: string; mediaUrl: string | null; email: string | null; deviceId: string | null; accountId: string | null; at: Date },
) {
  await tx.insert(open311Requests).values({
    tenantId: p.tenantId,
    requestId: p.requestId,
    apiKeyId: p.apiKeyId,
    mediaUrl: p.mediaUrl,
    email: p.email,
    deviceId: p.deviceId,
    accountId: p.accountId,
    createdAt: p.at,
  });
}

/** When the city's category tree last changed (creation, edit, import, enabling): Open311's discovery changeset. */
export async function categoriesChangedAt(tx: Tx, p: { tenantId: string }): Promise<Date | null> {
  const [created] = await tx
    .select({ at: sql<string | null>`max(${categories.createdAt})` })
    .from(categories)
    .where(eq(categories.tenantId, p.tenantId));
  const [audited] = await tx
    .select({ at: sql<string | null>`max(${auditLog.at})` })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, p.tenantId), like(auditLog.action, "config.categor%")));
  const times = [created?.at, audited?.at].filter((t): t is string => !!t).map((t) => new Date(t).getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** What an Open311 client sent beside the message (photo link, e-mail), for staff reading it. */
export async function getOpen311Extras(tx: Tx, p: { tenantId: string; requestId: string }) {
  const [row] = await tx
    .select({ mediaUrl: open311Requests.mediaUrl, email: open311Requests.email })
    .from(open311Requests)
    .where(and(eq(open311Requests.tenantId, p.tenantId), eq(open311Requests.requestId, p.requestId)));
  return row ?? null;
}
