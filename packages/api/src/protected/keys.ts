import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Envelope encryption of protected reports (docs/decisions/017).
 *
 *   key-encryption key (KEK, from configuration; never in the database)
 *     └─ HKDF(KEK, salt = city id) = the city's inspector key (never stored)
 *          └─ wraps each report's random data key (stored wrapped)
 *               └─ AES-256-GCM over the report's body, entries and photos
 *
 * The KEK has a version; every report records the version that wrapped its
 * data key, so a new KEK can be introduced and old reports re-wrapped.
 */
export interface ProtectedKeyring {
  /** The version new reports are wrapped with. */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** True when this is the built-in development key (the embedded demo). */
  dev: boolean;
}

/** The embedded demo's key: public, so it protects nothing outside a demo. */
const DEV_KEK = createHash("sha256").update("city137 development protected-report key — not secret").digest();

export function devKeyring(): ProtectedKeyring {
  return { current: "dev", keys: new Map([["dev", DEV_KEK]]), dev: true };
}

/**
 * PROTECTED_REPORT_KEYS: "version:base64key[,version:base64key…]", 32-byte
 * keys, the first one current, older ones kept for reading until re-wrapped.
 */
export function keyringFromConfig(value: string | undefined): ProtectedKeyring {
  if (!value?.trim()) return devKeyring();
  const keys = new Map<string, Buffer>();
  let current = "";
  for (const part of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,20}):([A-Za-z0-9+/=]+)$/.exec(part);
    const key = m ? Buffer.from(m[2]!, "base64") : null;
    if (!m || !key || key.length !== 32) throw new Error("PROTECTED_REPORT_KEYS: each entry must be version:base64 of 32 random bytes");
    if (m[1] === "dev") throw new Error("PROTECTED_REPORT_KEYS: the version name 'dev' is reserved for the development key");
    keys.set(m[1]!, key);
    current ||= m[1]!;
  }
  return { current, keys, dev: false };
}

const ALG = "aes-256-gcm";

function kekOf(ring: ProtectedKeyring, version: string): Buffer {
  const kek = ring.keys.get(version);
  if (!kek) throw new Error(`protected-report key version ${version} is not configured`);
  return kek;
}

/** The city's inspector key under one KEK version: derived, never stored. */
function cityKey(ring: ProtectedKeyring, version: string, tenantId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", kekOf(ring, version), Buffer.from(tenantId), "city137/protected-report/inspector-key", 32));
}

/** AES-256-GCM; output: base64 of iv(12) | tag(16) | ciphertext. The AAD binds it to its place. */
export function seal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv(ALG, key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, "base64");
  const d = createDecipheriv(ALG, key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
}

/** A new report's data key and its wrapped form (bound to city and report). */
export function newDataKey(ring: ProtectedKeyring, tenantId: string, reportId: string) {
  const dataKey = randomBytes(32);
  const wrapped = seal(cityKey(ring, ring.current, tenantId), dataKey, `${tenantId}/${reportId}/data-key`);
  return { dataKey, wrapped, version: ring.current };
}

export function unwrapDataKey(ring: ProtectedKeyring, r: { tenantId: string; id: string; keyVersion: string; wrappedKey: string }): Buffer {
  return open(cityKey(ring, r.keyVersion, r.tenantId), r.wrappedKey, `${r.tenantId}/${r.id}/data-key`);
}

/** Re-wraps a data key under the current KEK (rotation); the ciphertexts stay as they are. */
export function rewrapDataKey(ring: ProtectedKeyring, r: { tenantId: string; id: string; keyVersion: string; wrappedKey: string }) {
  const dataKey = unwrapDataKey(ring, r);
  return { wrapped: seal(cityKey(ring, ring.current, r.tenantId), dataKey, `${r.tenantId}/${r.id}/data-key`), version: ring.current };
}
