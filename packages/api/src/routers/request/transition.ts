import { AppError, canActOnRequest, canSeeRequest, forbidden, isOpen, notFound, restartsDeadline, transition, type Viewer } from "@city137/core";
import { enqueueOutbox, getRequest, insertRequestEvent, listCategories, listUnits, supporterMobiles, updateRequest, type Tx } from "@city137/db";
import type { z } from "zod";
import type { ZTransitionRequestInput } from "@city137/validators";
import { computeDeadline, slaOf } from "./deadline";
import { mergeIntoOriginal } from "./support";

/**
 * One step in a message's life, checked by the state machine and by who may
 * take it; the timeline gets an entry and the citizen's notification goes to
 * the outbox in the same transaction.
 */
export async function changeRequest(
  tx: Tx,
  p: { tenantId: string; actorId: string | null; viewer: Viewer; now: Date; input: z.infer<typeof ZTransitionRequestInput> },
) {
  const { tenantId, input } = p;
  const current = await getRequest(tx, { tenantId, id: input.id });
  // What a member may not see does not exist for them; what they see but may not change is forbidden.
  if (!current || !canSeeRequest(p.viewer, current)) throw notFound();
  if (!canActOnRequest(p.viewer, current, input.action)) throw forbidden();
  const step = transition(current.status, input.action);
  if (!step.ok) throw new AppError("CONFLICT", step.messageKey, { field: "action" });
  if ((input.action === "reject" || input.action === "reopen" || input.action === "resolve") && !input.note) {
    throw new AppError("BAD_REQUEST", `errors.request.noteRequired`, { field: "note" });
  }
  const values: Parameters<typeof updateRequest>[1]["values"] = { status: step.to };
  if (input.action === "refer") {
    const unit = (await listUnits(tx, { tenantId })).find((u) => u.id === input.unitId && u.active);
    if (!unit) throw new AppError("NOT_FOUND", "errors.request.unknownUnit", { field: "unitId" });
    values.unitId = unit.id;
  }
  if (input.action === "return_to_hq") {
    values.unitId = (await listUnits(tx, { tenantId })).find((u) => u.kind === "hq" && u.active)?.id ?? null;
  }
  if (input.action === "mark_duplicate") {
    const original = input.duplicateOf ? await getRequest(tx, { tenantId, id: input.duplicateOf }) : null;
    if (!original || original.id === current.id || !isOpen(original.status)) throw new AppError("NOT_FOUND", "errors.request.unknownOriginal", { field: "duplicateOf" });
    values.duplicateOf = original.id;
  }
  if (input.action === "forward") {
    if (!input.externalAgency) throw new AppError("BAD_REQUEST", "validation.required", { field: "externalAgency" });
    values.externalAgency = input.externalAgency;
  }
  if (step.to === "resolved") values.resolvedAt = p.now;
  if (step.to === "closed") values.closedAt = p.now;
  if (restartsDeadline(input.action)) {
    const categories = await listCategories(tx, { tenantId });
    const chain: Array<{ slaMinutes: number | null }> = [];
    for (let c = categories.find((x) => x.id === current.categoryId); c; c = categories.find((x) => x.id === c!.parentId)) chain.unshift(c);
    values.deadline = await computeDeadline(tx, { tenantId, unitId: values.unitId ?? current.unitId, priority: current.priority, minutes: slaOf(chain), from: p.now });
  }
  const updated = await updateRequest(tx, { tenantId, id: current.id, values });
  await insertRequestEvent(tx, {
    tenantId,
    requestId: current.id,
    at: p.now,
    actorStaffId: p.actorId,
    type: input.action,
    fromStatus: current.status,
    toStatus: step.to,
    unitId: values.unitId ?? null,
    note: input.note || null,
    data: { duplicateOf: values.duplicateOf ?? null, externalAgency: values.externalAgency ?? null },
  });
  if (values.duplicateOf) {
    await mergeIntoOriginal(tx, { tenantId, actorId: p.actorId, now: p.now, duplicate: current, originalId: values.duplicateOf });
  }
  if (step.to === "resolved" || step.to === "rejected" || step.to === "forwarded") {
    // The citizen and everyone who supported the message hear the answer, each once.
    const told = new Set<string>();
    const recipients = [
      ...(current.citizenMobile ? [{ key: "citizen", mobile: current.citizenMobile, locale: current.citizenLocale }] : []),
      ...(await supporterMobiles(tx, { tenantId, requestId: current.id })).map((s) => ({ key: `supporter:${s.id}`, mobile: s.mobile!, locale: s.locale })),
    ].filter((r) => !told.has(r.mobile) && told.add(r.mobile));
    for (const r of recipients) {
      await enqueueOutbox(tx, {
        tenantId,
        topic: `sms.request_${step.to}`,
        dedupeKey: `sms:${step.to}:${current.id}:${r.key}:${p.now.getTime()}`,
        payload: { requestId: current.id, trackingCode: current.trackingCode, mobile: r.mobile, note: input.note, supporter: r.key !== "citizen", locale: r.locale },
      });
    }
  }
  return updated!;
}
