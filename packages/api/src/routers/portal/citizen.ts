import { AppError, isOpen, withinReopenWindow } from "@city137/core";
import { findCitizenSession, getRequest, giveRecognitionConsent, insertRequestEvent, listCategories, listRequestsByMobile, recognitionConsentOf, withdrawRecognitionConsent, type PortalCity, type Tx } from "@city137/db";
import type { Context } from "../../trpc";
import { changeRequest } from "../request/transition";
import { inCity, portalCity, settingsOf } from "../../portal/city";
import { hashToken } from "./otp";

/** The mobile a citizen session proved, in this city only. */
export async function verifiedMobile(ctx: Context, tx: Tx, city: PortalCity, session: string): Promise<string> {
  const s = await findCitizenSession(tx, { tenantId: city.id, tokenHash: hashToken(session), now: ctx.now() });
  if (!s) throw new AppError("UNAUTHORIZED", "portal.errors.sessionExpired");
  return s.mobile;
}

/** A message of the verified mobile; another mobile's or city's code is "not found". */
async function ownRequest(ctx: Context, tx: Tx, city: PortalCity, session: string, trackingCode: string) {
  const mobile = await verifiedMobile(ctx, tx, city, session);
  const r = await getRequest(tx, { tenantId: city.id, trackingCode });
  if (!r || r.citizenMobile !== mobile || r.kind === "corruption_report") throw new AppError("NOT_FOUND", "portal.errors.trackNotFound", { field: "trackingCode" });
  return { r, mobile };
}

export async function myRequests(ctx: Context, input: { city: string; session: string }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const mobile = await verifiedMobile(ctx, tx, city, input.session);
    const settings = await settingsOf(tx, city);
    const categories = new Map((await listCategories(tx, { tenantId: city.id })).map((c) => [c.id, c]));
    const now = ctx.now();
    const rows = await listRequestsByMobile(tx, { tenantId: city.id, mobile });
    const consent = await recognitionConsentOf(tx, { tenantId: city.id, mobile });
    return {
      mobile,
      reopenWindowDays: settings.reopenWindowDays,
      recognition: consent && { name: consent.name, givenAt: consent.givenAt.toISOString() },
      requests: rows.map((r) => ({
        trackingCode: r.trackingCode,
        kind: r.kind,
        status: r.status,
        category: { nameFa: categories.get(r.categoryId)?.nameFa ?? "", nameEn: categories.get(r.categoryId)?.nameEn ?? "" },
        description: r.description.slice(0, 200),
        createdAt: r.createdAt.toISOString(),
        canAddInfo: isOpen(r.status),
        canReopen: (r.status === "resolved" || r.status === "closed") && withinReopenWindow(r.resolvedAt, now, settings.reopenWindowDays),
      })),
    };
  });
}

/** More information on an open message, kept on its timeline as the citizen's words. */
export async function addInfo(ctx: Context, input: { city: string; session: string; trackingCode: string; text: string }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const { r } = await ownRequest(ctx, tx, city, input.session, input.trackingCode);
    if (!isOpen(r.status)) throw new AppError("CONFLICT", "portal.errors.notOpen", { field: "text" });
    await insertRequestEvent(tx, { tenantId: city.id, requestId: r.id, at: ctx.now(), type: "citizen_info", note: input.text, data: { channel: "web" } });
    return { trackingCode: r.trackingCode };
  });
}

/**
 * The citizen disputes the resolution: the same transition staff use
 * (state machine, timeline, restarted deadline), with no staff actor,
 * within the city's reopen window.
 */
export async function reopen(ctx: Context, input: { city: string; session: string; trackingCode: string; reason: string }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const { r } = await ownRequest(ctx, tx, city, input.session, input.trackingCode);
    const settings = await settingsOf(tx, city);
    const now = ctx.now();
    if ((r.status !== "resolved" && r.status !== "closed") || !withinReopenWindow(r.resolvedAt, now, settings.reopenWindowDays)) {
      throw new AppError("CONFLICT", "portal.errors.reopenClosed", { field: "reason", params: { days: settings.reopenWindowDays } });
    }
    const updated = await changeRequest(tx, {
      tenantId: city.id,
      actorId: null,
      // Reopening is the one action a citizen may take; it goes through the operators' rule for it.
      viewer: { roles: ["operator"], unitIds: [] },
      now,
      input: { id: r.id, action: "reopen", note: input.reason },
    });
    return { trackingCode: updated.trackingCode, status: updated.status };
  });
}

/** The citizen gives (with the name to show) or withdraws consent to be named in the city's recognition lists. */
export async function setRecognition(ctx: Context, input: { city: string; session: string; consent: boolean; name: string | null }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const mobile = await verifiedMobile(ctx, tx, city, input.session);
    if (input.consent) await giveRecognitionConsent(tx, { tenantId: city.id, mobile, name: input.name!, at: ctx.now(), requestId: null });
    else await withdrawRecognitionConsent(tx, { tenantId: city.id, mobile, at: ctx.now() });
    return { consent: input.consent };
  });
}
