import { AppError, canSeeRequest, isOpen, notFound, type Channel, type RequestState, type Viewer } from "@city137/core";
import { addSupporter, enqueueOutbox, getRequest, insertRequestEvent, moveSupporters, type Tx } from "@city137/db";
import type { SupportRequestInput } from "@city137/validators";

/**
 * «من هم»: a caller with the same problem joins an open message instead of
 * registering a second one. They are kept as a supporter, hear the message's
 * tracking code, and are told when it is answered. A retry with the same
 * intake key, or the same mobile twice, adds them once.
 */
export async function supportRequest(tx: Tx, p: { tenantId: string; actorId: string; viewer: Viewer; now: Date; input: SupportRequestInput }) {
  const { tenantId, input } = p;
  const target = await getRequest(tx, { tenantId, id: input.requestId });
  if (!target || !canSeeRequest(p.viewer, target)) throw notFound();
  const { added } = await joinAsSupporter(tx, { tenantId, target, actorId: p.actorId, now: p.now, channel: input.channel, idempotencyKey: input.idempotencyKey, note: input.note, citizen: input.citizen });
  return { requestId: target.id, trackingCode: target.trackingCode, status: target.status, unitId: target.unitId, deadline: target.deadline?.toISOString() ?? null, added };
}

/**
 * The one way anybody joins a message, from the phone desk (staff) or the
 * portal (a citizen with a verified mobile, no staff actor): only an open
 * message; once per mobile and per intake key; a timeline entry and an SMS
 * in the supporter's language, both only the first time.
 */
export async function joinAsSupporter(
  tx: Tx,
  p: {
    tenantId: string;
    target: { id: string; trackingCode: string; status: RequestState };
    actorId: string | null;
    now: Date;
    channel: Channel;
    idempotencyKey: string | null;
    note: string | null;
    citizen: { name: string | null; mobile: string | null; locale: "fa" | "en" | null };
  },
) {
  const { tenantId, target } = p;
  if (!isOpen(target.status)) throw new AppError("CONFLICT", "errors.request.supportClosed", { field: "requestId" });
  const { supporter, added } = await addSupporter(tx, {
    tenantId,
    values: {
      requestId: target.id,
      mobile: p.citizen.mobile,
      name: p.citizen.name,
      locale: p.citizen.locale,
      channel: p.channel,
      idempotencyKey: p.idempotencyKey,
      createdBy: p.actorId,
      createdAt: p.now,
    },
  });
  if (supporter.requestId !== target.id) throw new AppError("CONFLICT", "errors.request.idempotencyMismatch", { field: "idempotencyKey" });
  if (added) {
    await insertRequestEvent(tx, { tenantId, requestId: target.id, at: p.now, actorStaffId: p.actorId, type: "supported", note: p.note || null, data: { channel: p.channel } });
    if (supporter.mobile) {
      await enqueueOutbox(tx, {
        tenantId,
        topic: "sms.request_supported",
        dedupeKey: `sms:supported:${supporter.id}`,
        payload: { requestId: target.id, trackingCode: target.trackingCode, mobile: supporter.mobile, locale: supporter.locale },
      });
    }
  }
  return { added };
}

/**
 * Marking a message as a duplicate merges it: its citizen (and anyone who
 * supported it) become supporters of the original, so they hear the answer.
 */
export async function mergeIntoOriginal(
  tx: Tx,
  p: { tenantId: string; actorId: string | null; now: Date; duplicate: { id: string; trackingCode: string; citizenMobile: string | null; citizenName: string | null; channel: string }; originalId: string },
) {
  const { tenantId, duplicate } = p;
  if (duplicate.citizenMobile || duplicate.citizenName) {
    await addSupporter(tx, {
      tenantId,
      values: { requestId: p.originalId, mobile: duplicate.citizenMobile, name: duplicate.citizenName, mergedRequestId: duplicate.id, channel: duplicate.channel, createdBy: p.actorId, createdAt: p.now },
    });
  }
  await moveSupporters(tx, { tenantId, from: duplicate.id, to: p.originalId });
  await insertRequestEvent(tx, { tenantId, requestId: p.originalId, at: p.now, actorStaffId: p.actorId, type: "merged", data: { from: duplicate.trackingCode } });
}
