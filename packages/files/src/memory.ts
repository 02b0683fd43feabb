import { createHash } from "node:crypto";
import { parseStorageKey } from "./keys";
import { bytesOf, streamOf, type FileBody, type FileMeta, type FileStore, type StoredFile } from "./store";

/** Keeps files in memory. For tests only: nothing survives a restart. */
export class MemoryStore implements FileStore {
  readonly kind = "memory";
  readonly files = new Map<string, { bytes: Uint8Array; meta: FileMeta }>();

  async put(key: string, body: FileBody, meta: { contentType: string; sha256?: string }): Promise<void> {
    parseStorageKey(key);
    const bytes = await bytesOf(body);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    this.files.set(key, { bytes, meta: { contentType: meta.contentType, size: bytes.byteLength, sha256 } });
  }

  async get(key: string): Promise<StoredFile | null> {
    parseStorageKey(key);
    const f = this.files.get(key);
    return f ? { body: streamOf(f.bytes), meta: { ...f.meta } } : null;
  }

  async delete(key: string): Promise<void> {
    parseStorageKey(key);
    this.files.delete(key);
  }
}
