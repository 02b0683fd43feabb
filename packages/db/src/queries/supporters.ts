import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { requestSupporters, requests } from "../schema";

export type NewSupporter = Omit<typeof requestSupporters.$inferInsert, "tenantId" | "id">;

/**
 * Adds a supporter to a message. The same mobile twice, or the same intake key
 * twice, adds nothing and returns the row already there.
 */
export async function addSupporter(tx: Tx, p: { tenantId: string; values: NewSupporter }) {
  const [row] = await tx
    .insert(requestSupporters)
    .values({ ...p.values, tenantId: p.tenantId })
    .onConflictDoNothing()
    .returning();
  if (row) return { supporter: row, added: true };
  const [existing] = await tx
    .select()
    .from(requestSupporters)
    .where(
      and(
        eq(requestSupporters.tenantId, p.tenantId),
        p.values.idempotencyKey
          ? sql`(${requestSupporters.idempotencyKey} = ${p.values.idempotencyKey} or (${requestSupporters.requestId} = ${p.values.requestId} and ${requestSupporters.mobile} = ${p.values.mobile ?? null}))`
          : and(eq(requestSupporters.requestId, p.values.requestId), eq(requestSupporters.mobile, p.values.mobile ?? "")),
      ),
    );
  return { supporter: existing!, added: false };
}

/** A message's supporters, oldest first, with the tracking code of any message merged in. */
export function listSupporters(tx: Tx, p: { tenantId: string; requestId: string }) {
  return tx
    .select({
      id: requestSupporters.id,
      mobile: requestSupporters.mobile,
      name: requestSupporters.name,
      channel: requestSupporters.channel,
      createdAt: requestSupporters.createdAt,
      mergedTrackingCode: requests.trackingCode,
    })
    .from(requestSupporters)
    .leftJoin(requests, and(eq(requests.tenantId, requestSupporters.tenantId), eq(requests.id, requestSupporters.mergedRequestId)))
    .where(and(eq(requestSupporters.tenantId, p.tenantId), eq(requestSupporters.requestId, p.requestId)))
    .orderBy(asc(requestSupporters.createdAt));
}

/** Mobiles to tell when the message is answered (each once). */
export function supporterMobiles(tx: Tx, p: { tenantId: string; requestId: string }) {
  return tx
    .selectDistinct({ id: requestSupporters.id, mobile: requestSupporters.mobile, locale: requestSupporters.locale })
    .from(requestSupporters)
    .where(and(eq(requestSupporters.tenantId, p.tenantId), eq(requestSupporters.requestId, p.requestId), isNotNull(requestSupporters.mobile)));
}

/** A merge carries the duplicate's own supporters over to the original (a mobile already there is kept once). */
export async function moveSupporters(tx: Tx, p: { tenantId: string; from: string; to: string }) {
  await tx.execute(sql`
    insert into request_supporters (tenant_id, request_id, mobile, name, merged_request_id, channel, created_by, created_at)
    select tenant_id, ${p.to}, mobile, name, coalesce(merged_request_id, request_id), channel, created_by, created_at
    from request_supporters where tenant_id = ${p.tenantId} and request_id = ${p.from}
    on conflict do nothing`);
}
