import { createHash, randomBytes } from "node:crypto";

/** Every Open311 key starts with this, so a leaked one is recognisable in logs and scanners. */
export const API_KEY_PREFIX = "c137o311_";

/** A new secret: 256 random bits. Shown once; only its hash is kept. */
export function newApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, API_KEY_PREFIX.length + 6) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
