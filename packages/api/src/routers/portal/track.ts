import { AppError, citizenVisibleEvent, mobileEndsWith, notFound, signLink, verifyLink } from "@city137/core";
import { getFeedback, getRequest, listAttachments, listCategories, listRequestEvents, type PortalCity, type Tx } from "@city137/db";
import type { Context } from "../../trpc";
import { clientKey, portalLimits } from "./limits";
import { settingsOf } from "../../portal/city";

type Proof = { last4?: string; token?: string };

/**
 * The message a citizen may see: the tracking code must exist in this city
 * and be proven by the last four digits of its mobile or a signed SMS link. Both SMS links (the message's page
 * and the survey) prove the same thing: this person received the city's SMS. Any failure is the same "not found"
 * (codes cannot be probed), and failures per client are rate-limited.
 */
export async function provenRequest(ctx: Context, tx: Tx, city: PortalCity, trackingCode: string, proof: Proof) {
  const limiter = portalLimits(ctx).track;
  const key = clientKey(ctx, city.id);
  if (limiter.blocked(key, ctx.now().getTime())) throw new AppError("TOO_MANY_REQUESTS", "portal.errors.tooManyTries");
  const r = await getRequest(tx, { tenantId: city.id, trackingCode });
  const settings = await settingsOf(tx, city);
  const ok =
    !!r &&
    r.kind !== "corruption_report" &&
    ((proof.last4 !== undefined && mobileEndsWith(r.citizenMobile, proof.last4)) ||
      (proof.token !== undefined && (verifyLink(settings.signingSecret, "track", r.id, proof.token) || verifyLink(settings.signingSecret, "feedback", r.id, proof.token))));
  if (!ok) {
    limiter.hit(key, ctx.now().getTime());
    throw new AppError("NOT_FOUND", "portal.errors.trackNotFound", { field: "trackingCode" });
  }
  return { request: r, secret: settings.signingSecret };
}

/** What the citizen sees of their message: status, a plain timeline, the answer, proof-of-work photos. */
export async function trackView(tx: Tx, city: PortalCity, request: NonNullable<Awaited<ReturnType<typeof getRequest>>>, secret: string) {
  const tenantId = city.id;
  const events = (await listRequestEvents(tx, { tenantId, requestId: request.id })).filter((e) => citizenVisibleEvent(e.type));
  const answerEvent = [...events].reverse().find((e) => e.type === "resolve" || e.type === "reject" || e.type === "forward");
  const category = (await listCategories(tx, { tenantId })).find((c) => c.id === request.categoryId);
  const proofs = (await listAttachments(tx, { tenantId, requestId: request.id })).filter((a) => a.purpose === "proof" && a.kind === "photo");
  const feedback = await getFeedback(tx, { tenantId, requestId: request.id });
  if (!category) throw notFound();
  return {
    trackingCode: request.trackingCode,
    kind: request.kind,
    status: request.status,
    channel: request.channel,
    category: { nameFa: category.nameFa, nameEn: category.nameEn },
    description: request.description,
    createdAt: request.createdAt.toISOString(),
    resolvedAt: request.resolvedAt?.toISOString() ?? null,
    answer: answerEvent ? { type: answerEvent.type, note: answerEvent.note, at: answerEvent.at.toISOString() } : null,
    // Notes on the timeline are the citizen's own words or the answer; internal referral notes stay inside.
    timeline: events.map((e) => ({ type: e.type, at: e.at.toISOString(), note: e.type === "citizen_info" || e.type === "reopen" ? e.note : null })),
    proofPhotos: proofs.map((a) => ({ id: a.id, name: a.originalName, token: signLink(secret, "photo", a.id) })),
    feedback: feedback ? { score: feedback.score, comment: feedback.comment } : null,
    canGiveFeedback: !feedback && (request.status === "resolved" || request.status === "closed"),
    feedbackToken: signLink(secret, "feedback", request.id),
  };
}
