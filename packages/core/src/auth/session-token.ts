import { createHash, randomBytes } from "node:crypto";

/**
 * Opaque session tokens. Only a SHA-256 of the secret is stored.
 * A city token names its tenant so the session can be looked up inside that
 * tenant's rows; a forged tenant id simply finds nothing there.
 *   city:     c.<tenant uuid>.<secret>
 *   platform: p.<secret>
 */
export type ParsedToken =
  | { kind: "city"; tenantId: string; secret: string }
  | { kind: "platform"; secret: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function cityToken(tenantId: string, secret: string) {
  return `c.${tenantId}.${secret}`;
}

export function platformToken(secret: string) {
  return `p.${secret}`;
}

export function parseSessionToken(token: string | undefined | null): ParsedToken | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts[0] === "c" && parts.length === 3 && UUID.test(parts[1]!) && SECRET.test(parts[2]!)) {
    return { kind: "city", tenantId: parts[1]!, secret: parts[2]! };
  }
  if (parts[0] === "p" && parts.length === 2 && SECRET.test(parts[1]!)) {
    return { kind: "platform", secret: parts[1]! };
  }
  return null;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
