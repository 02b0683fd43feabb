/**
 * Storage keys. Every stored file lives at `<tenantId>/<requestId>/<attachmentId>`
 * (three lower-case UUIDs), built here and nowhere else. A key that does not
 * have exactly this shape is refused before it reaches a store, so no key can
 * climb out of the store's root or into another city's prefix.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface AttachmentRef {
  tenantId: string;
  requestId: string;
  attachmentId: string;
}

export class InvalidStorageKey extends Error {
  constructor(what: string) {
    super(`invalid storage key (${what})`);
    this.name = "InvalidStorageKey";
  }
}

function uuidPart(name: string, value: string): string {
  const v = typeof value === "string" ? value.toLowerCase() : "";
  if (!UUID.test(v)) throw new InvalidStorageKey(`${name} is not a UUID`);
  return v;
}

/** The one place a storage key is made. */
export function storageKey(ref: AttachmentRef): string {
  return `${uuidPart("tenantId", ref.tenantId)}/${uuidPart("requestId", ref.requestId)}/${uuidPart("attachmentId", ref.attachmentId)}`;
}

/** A key back to its parts; anything but the exact shape is refused. */
export function parseStorageKey(key: string): AttachmentRef {
  const m = typeof key === "string" ? KEY.exec(key) : null;
  if (!m) throw new InvalidStorageKey("not <tenant>/<request>/<attachment>");
  return { tenantId: m[1]!, requestId: m[2]!, attachmentId: m[3]! };
}
