import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { InvalidStorageKey, parseStorageKey } from "./keys";
import type { FileBody, FileMeta, FileStore, StoredFile } from "./store";

/**
 * Files on local disk under one root (./.data/files by default): the bytes at
 * `<root>/<key>`, their type and size beside them in `<root>/<key>.json`.
 * Writes go to a temporary name first and are renamed into place.
 */
export class LocalDiskStore implements FileStore {
  readonly kind = "local";
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: FileBody, meta: { contentType: string; sha256?: string }): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const hash = createHash("sha256");
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]) : Readable.fromWeb(body as NodeWebStream<Uint8Array>);
    try {
      await pipeline(source, count, createWriteStream(tmp, { flags: "wx" }));
      const sha256 = hash.digest("hex");
      if (meta.sha256 && meta.sha256 !== sha256) throw new Error("stored bytes do not match the given sha256");
      const stored: FileMeta = { contentType: meta.contentType, size, sha256 };
      await writeFile(`${tmp}.json`, JSON.stringify(stored), { flag: "wx" });
      await rename(`${tmp}.json`, `${path}.json`);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.json`, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    let meta: FileMeta;
    try {
      const info = await stat(path);
      meta = { ...(JSON.parse(await readFile(`${path}.json`, "utf8")) as FileMeta), size: info.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
    return { body, meta };
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}.json`, { force: true });
  }

  /** The key's path, refused unless the key has the exact shape and stays under the root. */
  private pathOf(key: string): string {
    parseStorageKey(key);
    const path = resolve(this.root, key);
    const rel = relative(this.root, path);
    if (!rel || rel.startsWith("..") || isAbsolute(rel)) throw new InvalidStorageKey("outside the store");
    return path;
  }
}
