import { createHash, randomBytes, randomUUID } from "node:crypto";
import { AppError, checkOtp, hashOtp, newOtp, OTP_TTL_MS, otpCapReached, fromTehranDayMinute, tehranDayAndMinute } from "@city137/core";
import { countOtpAttempt, countOtpSince, enqueueOutbox, insertCitizenSession, insertOtpChallenge, latestOtpChallenge } from "@city137/db";
import type { Context } from "../../trpc";
import { inCity, portalCity, settingsOf } from "../../portal/city";
import { clientKey, portalLimits } from "./limits";

/** How long a verified citizen stays verified. */
export const CITIZEN_SESSION_MS = 30 * 60_000;

/**
 * Sends a one-time code to a mobile, through the outbox like every SMS. The
 * city's daily caps per mobile, per client and for the whole city are checked
 * first (SMS pumping costs the city money); the client is kept only as a
 * keyed hash of its address. The answer never says whether the mobile has
 * messages here.
 */
export async function requestOtp(ctx: Context, input: { city: string; mobile: string; locale?: "fa" | "en" | null }) {
  const city = await portalCity(ctx, input.city);
  const now = ctx.now();
  return inCity(ctx, city, async (tx) => {
    const settings = await settingsOf(tx, city);
    const clientHash = createHash("sha256").update(`${settings.signingSecret}:client:${ctx.ip ?? "unknown"}`).digest("hex");
    const since = fromTehranDayMinute(tehranDayAndMinute(now).day, 0);
    const counts = await countOtpSince(tx, { tenantId: city.id, mobile: input.mobile, clientHash, since });
    const capped = otpCapReached(counts, { perMobile: settings.otpPerMobileDaily, perClient: settings.otpPerClientDaily, perCity: settings.otpPerCityDaily });
    if (capped) throw new AppError("TOO_MANY_REQUESTS", "portal.errors.otpCap", { field: capped === "mobile" ? "mobile" : undefined });
    const id = randomUUID();
    const code = newOtp();
    await insertOtpChallenge(tx, { tenantId: city.id, id, mobile: input.mobile, codeHash: hashOtp(id, code), clientHash, expiresAt: new Date(now.getTime() + OTP_TTL_MS), createdAt: now });
    await enqueueOutbox(tx, { tenantId: city.id, topic: "sms.otp", dedupeKey: `sms:otp:${id}`, payload: { mobile: input.mobile, otp: code, locale: input.locale } });
    return { sent: true as const, expiresInSeconds: OTP_TTL_MS / 1000 };
  });
}

const CHECK_KEYS = { expired: "portal.errors.otpExpired", used: "portal.errors.otpExpired", exhausted: "portal.errors.otpExhausted", wrong: "portal.errors.otpWrong" } as const;

/** Checks a code against the newest one sent to the mobile; a right code opens a citizen session. */
export async function verifyOtp(ctx: Context, input: { city: string; mobile: string; code: string }) {
  const city = await portalCity(ctx, input.city);
  const now = ctx.now();
  const limiter = portalLimits(ctx).otpVerify;
  const key = clientKey(ctx, city.id);
  if (!limiter.hit(key, now.getTime())) throw new AppError("TOO_MANY_REQUESTS", "portal.errors.tooManyTries");
  const result = await inCity(ctx, city, async (tx) => {
    const ch = await latestOtpChallenge(tx, { tenantId: city.id, mobile: input.mobile });
    // No code was ever sent to this mobile here.
    if (!ch) return { error: "portal.errors.otpExpired", missing: true, token: "", expiresAt: "" };
    const verdict = checkOtp(ch, input.code, now);
    if (verdict === "ok" || verdict === "wrong") await countOtpAttempt(tx, { tenantId: city.id, id: ch.id, used: verdict === "ok", at: now });
    if (verdict !== "ok") return { error: CHECK_KEYS[verdict], missing: false, token: "", expiresAt: "" };
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + CITIZEN_SESSION_MS);
    await insertCitizenSession(tx, { tenantId: city.id, mobile: input.mobile, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt: expiresAt.toISOString(), error: undefined, missing: false };
  });
  // The failed attempt is committed before the error goes out.
  if (result.error !== undefined) throw new AppError(result.missing ? "NOT_FOUND" : "BAD_REQUEST", result.error, { field: "code" });
  return { token: result.token, expiresAt: result.expiresAt };
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
