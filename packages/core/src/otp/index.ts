import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/** A one-time code lives this long… */
export const OTP_TTL_MS = 5 * 60_000;
/** …and allows this many wrong guesses before it is spent. */
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_LENGTH = 6;

/** Six random digits (leading zeros kept). */
export function newOtp(): string {
  return String(randomInt(0, 10 ** OTP_LENGTH)).padStart(OTP_LENGTH, "0");
}

/** Bound to the challenge id, so equal codes of two challenges hash differently. */
export function hashOtp(challengeId: string, code: string): string {
  return createHash("sha256").update(`${challengeId}:${code}`).digest("hex");
}

export function otpMatches(challengeId: string, code: string, hash: string): boolean {
  const a = Buffer.from(hashOtp(challengeId, code), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface OtpCaps {
  perMobile: number;
  perClient: number;
  perCity: number;
}

/** Which daily cap a new code would break, if any (checked before anything is sent). */
export function otpCapReached(counts: { mobile: number; client: number; city: number }, caps: OtpCaps): "mobile" | "client" | "city" | null {
  if (counts.mobile >= caps.perMobile) return "mobile";
  if (counts.client >= caps.perClient) return "client";
  if (counts.city >= caps.perCity) return "city";
  return null;
}

export type OtpCheck = "ok" | "expired" | "used" | "exhausted" | "wrong";

/** The verdict on one guess, given the challenge as stored. */
export function checkOtp(ch: { id: string; codeHash: string; attempts: number; expiresAt: Date; usedAt: Date | null }, code: string, now: Date): OtpCheck {
  if (ch.usedAt) return "used";
  if (ch.expiresAt.getTime() <= now.getTime()) return "expired";
  if (ch.attempts >= OTP_MAX_ATTEMPTS) return "exhausted";
  return otpMatches(ch.id, code, ch.codeHash) ? "ok" : "wrong";
}
