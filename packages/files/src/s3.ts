import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { parseStorageKey } from "./keys";
import { bytesOf, type FileBody, type FileStore, type StoredFile } from "./store";

export interface S3Options {
  /** e.g. https://s3.ir-thr-at1.arvanstorage.ir or http://127.0.0.1:9000 (MinIO) */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** https://endpoint/bucket/key (default, what most S3-compatible services expect) or https://bucket.endpoint/key. */
  forcePathStyle?: boolean;
  /** Attempts on 5xx and 429 answers (default 2). */
  retries?: number;
}

export class S3Error extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    detail: string,
  ) {
    super(`S3 ${operation} failed with ${status}${detail ? `: ${detail.slice(0, 200)}` : ""}`);
    this.name = "S3Error";
  }
}

/**
 * An S3-compatible bucket, signed with AWS Signature V4 (aws4fetch, over the
 * runtime's fetch). Uploads carry their SHA-256 in the signature, so the
 * service rejects bytes altered on the way.
 */
export class S3Store implements FileStore {
  readonly kind = "s3";
  private readonly client: AwsClient;
  private readonly base: URL;

  constructor(private readonly opts: S3Options) {
    this.client = new AwsClient({
      accessKeyId: opts.accessKeyId,
      secretAccessKey: opts.secretAccessKey,
      region: opts.region ?? "us-east-1",
      service: "s3",
      retries: opts.retries ?? 2,
    });
    this.base = new URL(opts.endpoint);
  }

  async put(key: string, body: FileBody, meta: { contentType: string; sha256?: string }): Promise<void> {
    const bytes = await bytesOf(body);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (meta.sha256 && meta.sha256 !== sha256) throw new Error("bytes do not match the given sha256");
    const res = await this.client.fetch(this.urlOf(key), {
      method: "PUT",
      // (typed for the DOM lib too: the console type-checks this file through the API types)
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: {
        "content-type": meta.contentType,
        "content-length": String(bytes.byteLength),
        "x-amz-content-sha256": sha256,
        "x-amz-meta-sha256": sha256,
      },
    });
    if (!res.ok) throw new S3Error("put", res.status, await res.text().catch(() => ""));
    await drain(res);
  }

  async get(key: string): Promise<StoredFile | null> {
    const res = await this.client.fetch(this.urlOf(key), { method: "GET" });
    if (res.status === 404) {
      await drain(res);
      return null;
    }
    if (!res.ok || !res.body) throw new S3Error("get", res.status, await res.text().catch(() => ""));
    return {
      body: res.body as ReadableStream<Uint8Array>,
      meta: {
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        size: res.headers.has("content-length") ? Number(res.headers.get("content-length")) : undefined,
        sha256: res.headers.get("x-amz-meta-sha256") ?? undefined,
      },
    };
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.urlOf(key), { method: "DELETE" });
    await drain(res);
    if (!res.ok && res.status !== 404) throw new S3Error("delete", res.status, "");
  }

  private urlOf(key: string): string {
    parseStorageKey(key); // only well-formed keys reach the bucket
    const base = new URL(this.base);
    const prefix = base.pathname.replace(/\/+$/, "");
    if (this.opts.forcePathStyle === false) {
      base.hostname = `${this.opts.bucket}.${base.hostname}`;
      base.pathname = `${prefix}/${key}`;
    } else {
      base.pathname = `${prefix}/${encodeURIComponent(this.opts.bucket)}/${key}`;
    }
    return base.toString();
  }
}

/** Reads a small answer to its end so the connection can be reused. */
async function drain(res: Response): Promise<void> {
  await res.arrayBuffer().catch(() => undefined);
}
