import { createHmac, randomBytes } from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read off a sticker
const RANDOM_CHARS = 7;
const SIG_CHARS = 5;

function encode(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

function signature(secret: string, body: string): string {
  return encode(createHmac("sha256", secret).update(`qr:${body}`).digest(), SIG_CHARS);
}

/** A short code for a QR sticker: 7 random characters and a 5-character signature with the city's key. */
export function newQrCode(secret: string): string {
  const body = encode(randomBytes(RANDOM_CHARS), RANDOM_CHARS);
  return `${body}${signature(secret, body)}`;
}

/** A forged or mistyped code fails here, before any lookup. */
export function verifyQrCode(secret: string, code: string): boolean {
  const c = code.trim().toLowerCase();
  if (c.length !== RANDOM_CHARS + SIG_CHARS || ![...c].every((ch) => ALPHABET.includes(ch))) return false;
  return signature(secret, c.slice(0, RANDOM_CHARS)) === c.slice(RANDOM_CHARS);
}

export const QR_PLACE_KINDS = ["place", "vehicle", "line", "kiosk", "office"] as const;
export type QrPlaceKindName = (typeof QR_PLACE_KINDS)[number];
