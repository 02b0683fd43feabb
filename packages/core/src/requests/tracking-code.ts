import { createHash } from "node:crypto";
import { toAsciiDigits } from "../text/digits";

/**
 * Tracking codes (کد رهگیری): 9 digits, read over the phone in three groups.
 * Eight digits come from the city's own sequence number through a keyed
 * bijection (so codes are unique per city yet do not reveal volumes or run in
 * order), the ninth is a Verhoeff check digit, which catches every single
 * mistyped digit and every swap of two neighbours.
 */
const SPACE = 100_000_000; // 10^8 codes per city

// Verhoeff tables (dihedral group D5).
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 7, 6, 8, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffDigit(digits: string): number {
  let c = 0;
  const rev = [...digits].reverse();
  for (let i = 0; i < rev.length; i++) c = D[c]![P[(i + 1) % 8]![Number(rev[i])]!]!;
  return INV[c]!;
}

export function verhoeffValid(digitsWithCheck: string): boolean {
  let c = 0;
  const rev = [...digitsWithCheck].reverse();
  for (let i = 0; i < rev.length; i++) c = D[c]![P[i % 8]![Number(rev[i])]!]!;
  return c === 0;
}

/** The city's multiplier and offset, from its id: odd and not a multiple of 5, so the map is one-to-one. */
function cityKey(tenantId: string): { a: bigint; b: bigint } {
  const h = createHash("sha256").update(`tracking:${tenantId}`).digest();
  let a = BigInt(h.readUInt32BE(0)) % BigInt(SPACE);
  if (a % 2n === 0n) a += 1n;
  while (a % 5n === 0n) a += 2n;
  return { a: a % BigInt(SPACE), b: BigInt(h.readUInt32BE(4)) % BigInt(SPACE) };
}

/** The code for the city's n-th message (n ≥ 1). */
export function trackingCode(tenantId: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= SPACE) throw new RangeError("tracking sequence out of range");
  const { a, b } = cityKey(tenantId);
  const body = ((BigInt(sequence) * a + b) % BigInt(SPACE)).toString().padStart(8, "0");
  return body + verhoeffDigit(body);
}

/** What a citizen or operator typed, as a code to look up; null when it cannot be one. */
export function parseTrackingCode(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-–_.]/g, "");
  return /^\d{9}$/.test(digits) && verhoeffValid(digits) ? digits : null;
}

/** "123-456-789": three groups, easy to read aloud. */
export function groupTrackingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
}
