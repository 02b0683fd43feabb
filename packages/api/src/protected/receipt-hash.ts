import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt cost: 16 MiB and tens of milliseconds per guess (docs/decisions/017). */
const N = 16384;
const R = 8;
const P = 1;

function derive(receipt: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(receipt, salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** "scrypt$N$r$p$salt$hash": the only form in which a receipt is stored. */
export async function hashReceipt(receipt: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(receipt, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function receiptMatches(receipt: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const got = await derive(receipt, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return got.length === expected.length && timingSafeEqual(got, expected);
}
