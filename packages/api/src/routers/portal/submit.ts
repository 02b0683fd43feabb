import { AppError, signLink, verifyQrCode } from "@city137/core";
import { countQrUse, getQrCodeByCode, isUniqueViolation, listCategories } from "@city137/db";
import type { CreateRequestInput, PortalSubmitInput } from "@city137/validators";
import type { Context } from "../../trpc";
import { INTAKE_PLANS, registerRequest } from "../request/intake";
import { trackingNumbersFor } from "../../intake/tracking-numbers";
import { inCity, portalCity, settingsOf } from "../../portal/city";

/**
 * A citizen's message from the portal, through the same intake as the
 * operators' and Open311's: same checks, routing, deadline, timeline and
 * tracking-code SMS. Only public categories; channel "qr" when the form came
 * from a valid, unrevoked QR code of this city, else "web". A retried submit
 * with the same key answers with the first message.
 */
export async function submitFromPortal(ctx: Context, input: PortalSubmitInput) {
  const city = await portalCity(ctx, input.city);
  const now = ctx.now();
  const intake = { tenantId: city.id, actorId: null, districts: ctx.districts, now, seq: await trackingNumbersFor(ctx.db).next(city.id) };
  const register = () =>
    inCity(ctx, city, async (tx) => {
      const settings = await settingsOf(tx, city);
      const qr = input.qr && verifyQrCode(settings.signingSecret, input.qr) ? await getQrCodeByCode(tx, { tenantId: city.id, code: input.qr.toLowerCase() }) : null;
      const category = (await listCategories(tx, { tenantId: city.id })).find((c) => c.id === input.categoryId);
      if (!category || !category.public || !category.active) throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryId" });
      const request: CreateRequestInput = {
        idempotencyKey: `portal-${input.idempotencyKey}`,
        kind: input.kind as CreateRequestInput["kind"],
        categoryId: input.categoryId,
        channel: qr && !qr.revokedAt ? "qr" : "web",
        description: input.description,
        attributes: input.attributes,
        lat: input.lat,
        lon: input.lon,
        address: input.address,
        districtId: input.districtId,
        citizen: { name: input.name, mobile: input.mobile, nationalId: null, locale: input.locale, recognitionConsent: input.recognitionConsent },
      };
      const countUse = qr && !qr.revokedAt ? () => countQrUse(tx, { tenantId: city.id, id: qr.id, what: "message" }) : undefined;
      const out = await registerRequest(tx, intake, request, { alsoWrite: countUse });
      return { ...out, uploadToken: signLink(settings.signingSecret, "upload", out.request.id), trackToken: signLink(settings.signingSecret, "track", out.request.id) };
    }, INTAKE_PLANS);
  let result;
  try {
    result = await register();
  } catch (err) {
    // A concurrent double tap with the same key lost the race: answer with the winner's message.
    if (!isUniqueViolation(err)) throw err;
    result = await register();
  }
  const r = result.request;
  return { trackingCode: r.trackingCode, status: r.status, channel: r.channel, replayed: result.replayed, uploadToken: result.uploadToken, trackToken: result.trackToken };
}
