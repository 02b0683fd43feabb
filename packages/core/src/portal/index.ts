import { createHmac, timingSafeEqual } from "node:crypto";
import { toAsciiDigits } from "../text/digits";

/**
 * A link token for one message and one purpose (the feedback link in the
 * resolution SMS): whoever holds the SMS may open it without more proof.
 */
export function signLink(secret: string, purpose: "feedback" | "track" | "upload" | "photo", requestId: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${requestId}`).digest("base64url").slice(0, 22);
}

export function verifyLink(secret: string, purpose: "feedback" | "track" | "upload" | "photo", requestId: string, token: string): boolean {
  const want = Buffer.from(signLink(secret, purpose, requestId));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The last four digits of the mobile on the message, as the citizen types them. */
export function mobileEndsWith(mobile: string | null, last4: string): boolean {
  const digits = toAsciiDigits(last4).replace(/\D/g, "");
  return !!mobile && digits.length === 4 && mobile.endsWith(digits);
}

/** Whether a verified citizen may still reopen a resolved message. */
export function withinReopenWindow(resolvedAt: Date | null, now: Date, days: number): boolean {
  if (!resolvedAt) return false;
  return now.getTime() - resolvedAt.getTime() <= days * 86_400_000;
}

/** Timeline entries a citizen sees, in plain language (the rest is internal work). */
export const CITIZEN_EVENTS = ["registered", "referred", "start", "resolve", "reject", "forward", "mark_duplicate", "reopen", "close", "citizen_info", "attachment_added"] as const;
export function citizenVisibleEvent(type: string): boolean {
  return (CITIZEN_EVENTS as readonly string[]).includes(type);
}
export * from "./public";
