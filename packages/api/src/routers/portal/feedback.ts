import { AppError } from "@city137/core";
import { insertFeedback } from "@city137/db";
import type { z } from "zod";
import type { ZPortalFeedbackInput } from "@city137/validators";
import type { Context } from "../../trpc";
import { inCity, portalCity } from "../../portal/city";
import { provenRequest } from "./track";

/**
 * The citizen's satisfaction with a resolved message: one answer per message,
 * with the unit that did the work copied so scorecards need no timeline walk.
 */
export async function giveFeedback(ctx: Context, input: z.infer<typeof ZPortalFeedbackInput>) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const { request } = await provenRequest(ctx, tx, city, input.trackingCode, { last4: input.last4, token: input.token });
    if (request.status !== "resolved" && request.status !== "closed") throw new AppError("CONFLICT", "portal.errors.feedbackNotYet", { field: "score" });
    const row = await insertFeedback(tx, { tenantId: city.id, requestId: request.id, unitId: request.unitId, score: input.score, comment: input.comment, source: "portal", createdAt: ctx.now() });
    if (!row) throw new AppError("CONFLICT", "portal.errors.feedbackGiven", { field: "score" });
    return { score: row.score };
  });
}
