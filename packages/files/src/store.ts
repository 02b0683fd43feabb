import { parseStorageKey, storageKey } from "./keys";

export interface FileMeta {
  contentType: string;
  /** Bytes, when the store knows it. */
  size?: number;
  /** Hex SHA-256 of the bytes, when known. */
  sha256?: string;
}

export type FileBody = Uint8Array | ReadableStream<Uint8Array>;

export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  meta: FileMeta;
}

/** Where attachment bytes live: local disk by default, S3-compatible storage in production. */
export interface FileStore {
  readonly kind: "local" | "s3" | "memory";
  /** Writes the whole file under the key (replacing any earlier one). */
  put(key: string, body: FileBody, meta: { contentType: string; sha256?: string }): Promise<void>;
  /** The file, or null when nothing is stored under the key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * One city's view of a store: keys are made from this city's id and a key of
 * another city is refused, so a city's context cannot produce or reach
 * another city's files even if a wrong key were handed to it.
 */
export class TenantFiles {
  constructor(
    private readonly store: FileStore,
    readonly tenantId: string,
  ) {
    // Validates the id now rather than at the first write.
    storageKey({ tenantId, requestId: tenantId, attachmentId: tenantId });
  }

  keyFor(requestId: string, attachmentId: string): string {
    return storageKey({ tenantId: this.tenantId, requestId, attachmentId });
  }

  async put(requestId: string, attachmentId: string, body: FileBody, meta: { contentType: string; sha256?: string }): Promise<string> {
    const key = this.keyFor(requestId, attachmentId);
    await this.store.put(key, body, meta);
    return key;
  }

  async get(key: string): Promise<StoredFile | null> {
    return this.store.get(this.own(key));
  }

  async delete(key: string): Promise<void> {
    return this.store.delete(this.own(key));
  }

  private own(key: string): string {
    if (parseStorageKey(key).tenantId !== this.tenantId.toLowerCase()) throw new ForeignStorageKey();
    return key;
  }
}

export class ForeignStorageKey extends Error {
  constructor() {
    super("storage key of another city");
    this.name = "ForeignStorageKey";
  }
}

/** Reads a body fully (bounded by the caller's limits). */
export async function bytesOf(body: FileBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
