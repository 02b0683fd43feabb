import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { requestSupporters, requests } from "../schema";

export interface PublicRequestFilter {
  tenantId: string;
  /** The categories the public may see (public and active along their whole path). */
  categoryIds: string[];
  kinds: readonly string[];
  statuses: readonly string[];
  limit: number;
  offset: number;
}

// Qualified by hand: inside a select list drizzle writes a bare column name, which the subquery would read as its own.
const supporters = sql<number>`(select count(*)::int from ${requestSupporters} s where s.tenant_id = "requests"."tenant_id" and s.request_id = "requests"."id")`;

/**
 * Columns the public may be shown — never the citizen's name, mobile,
 * national id, address or language; the caller rounds the point and redacts
 * the description.
 */
const PUBLIC_COLUMNS = {
  id: requests.id,
  trackingCode: requests.trackingCode,
  kind: requests.kind,
  categoryId: requests.categoryId,
  status: requests.status,
  description: requests.description,
  lat: requests.lat,
  lon: requests.lon,
  districtId: requests.districtId,
  createdAt: requests.createdAt,
  resolvedAt: requests.resolvedAt,
  supporters,
};

function publicWhere(p: Omit<PublicRequestFilter, "limit" | "offset">) {
  return and(
    eq(requests.tenantId, p.tenantId),
    p.categoryIds.length ? inArray(requests.categoryId, p.categoryIds) : sql`false`,
    inArray(requests.kind, [...p.kinds] as never[]),
    inArray(requests.status, [...p.statuses] as never[]),
    isNull(requests.duplicateOf),
  );
}

/**
 * One page of a city's public messages, newest first. Unfiltered it walks
 * requests_created_idx backwards; by status, requests_status_created_idx; by
 * category, requests_category_idx. One more row than asked tells whether a
 * next page exists.
 */
export function listPublicRequests(tx: Tx, p: PublicRequestFilter) {
  return tx
    .select(PUBLIC_COLUMNS)
    .from(requests)
    .where(publicWhere(p))
    .orderBy(desc(requests.createdAt), desc(requests.seq))
    .limit(p.limit)
    .offset(p.offset);
}

/** One public message by its id, or null when the public may not see it. */
export async function getPublicRequest(tx: Tx, p: Omit<PublicRequestFilter, "limit" | "offset"> & { id: string }) {
  const [row] = await tx
    .select(PUBLIC_COLUMNS)
    .from(requests)
    .where(and(publicWhere(p), eq(requests.id, p.id)));
  return row ?? null;
}
