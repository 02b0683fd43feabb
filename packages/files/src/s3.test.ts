import { createHash, randomUUID } from "node:crypto";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bytesOf, InvalidStorageKey, S3Error, S3Store, storageKey } from "./index";

/** A tiny S3-compatible bucket behind msw: objects in a map, every request recorded. */
const objects = new Map<string, { bytes: Uint8Array; type: string; meta: string | null }>();
const seen: Array<{ method: string; url: string; headers: Record<string, string> }> = [];
let failNext = 0;

const ENDPOINT = "https://s3.city137.test";
const handler = async ({ request }: { request: Request }) => {
  const url = new URL(request.url);
  seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers) });
  if (failNext > 0) {
    failNext--;
    return new HttpResponse("<Error><Code>InternalError</Code></Error>", { status: 500 });
  }
  const path = url.hostname.startsWith("attachments.") ? `/attachments${url.pathname}` : url.pathname;
  if (request.method === "PUT") {
    const bytes = new Uint8Array(await request.arrayBuffer());
    const claimed = request.headers.get("x-amz-content-sha256");
    if (claimed !== createHash("sha256").update(bytes).digest("hex")) {
      return new HttpResponse("<Error><Code>XAmzContentSHA256Mismatch</Code></Error>", { status: 400 });
    }
    objects.set(path, { bytes, type: request.headers.get("content-type")!, meta: request.headers.get("x-amz-meta-sha256") });
    return new HttpResponse(null, { status: 200, headers: { etag: '"x"' } });
  }
  const found = objects.get(path);
  if (request.method === "GET") {
    if (!found) return new HttpResponse("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
    return new HttpResponse(found.bytes, {
      status: 200,
      headers: { "content-type": found.type, "content-length": String(found.bytes.byteLength), ...(found.meta ? { "x-amz-meta-sha256": found.meta } : {}) },
    });
  }
  if (request.method === "DELETE") {
    objects.delete(path);
    return new HttpResponse(null, { status: 204 });
  }
  return new HttpResponse(null, { status: 405 });
};

const server = setupServer(http.all(`${ENDPOINT}/*`, handler), http.all("https://attachments.s3.city137.test/*", handler));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
  failNext = 0;
});
afterAll(() => server.close());

const store = new S3Store({ endpoint: ENDPOINT, bucket: "attachments", accessKeyId: "AKIDCITY137", secretAccessKey: "secret", region: "ir-thr-1", retries: 1 });
const key = () => storageKey({ tenantId: randomUUID(), requestId: randomUUID(), attachmentId: randomUUID() });
const bytes = new TextEncoder().encode("%PDF-1.7 test");

describe("S3 store", () => {
  it("puts, gets and deletes an object, path-style, with signed requests", async () => {
    const k = key();
    await store.put(k, bytes, { contentType: "application/pdf" });
    const put = seen[0]!;
    expect(put.method).toBe("PUT");
    expect(put.url).toBe(`${ENDPOINT}/attachments/${k}`);
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDCITY137\/\d{8}\/ir-thr-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-content-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(put.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(put.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);

    const got = await store.get(k);
    expect(got!.meta).toEqual({ contentType: "application/pdf", size: bytes.byteLength, sha256: put.headers["x-amz-content-sha256"] });
    expect(new TextDecoder().decode(await bytesOf(got!.body))).toBe("%PDF-1.7 test");

    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    await store.delete(k); // deleting a missing object is fine
  });

  it("retries a 5xx answer once, then reports the failure", async () => {
    failNext = 1;
    const k = key();
    await store.put(k, bytes, { contentType: "application/pdf" });
    expect(seen.map((s) => s.method)).toEqual(["PUT", "PUT"]);
    failNext = 5;
    await expect(store.put(key(), bytes, { contentType: "application/pdf" })).rejects.toBeInstanceOf(S3Error);
    failNext = 5;
    await expect(store.get(k)).rejects.toMatchObject({ name: "S3Error", status: 500 });
  });

  it("can address the bucket as a host name", async () => {
    const virtual = new S3Store({ endpoint: ENDPOINT, bucket: "attachments", accessKeyId: "a", secretAccessKey: "b", forcePathStyle: false });
    const k = key();
    await virtual.put(k, bytes, { contentType: "application/pdf" });
    expect(seen[0]!.url).toBe(`https://attachments.s3.city137.test/${k}`);
    expect((await virtual.get(k))!.meta.contentType).toBe("application/pdf");
  });

  it("sends no request for a malformed key (path traversal)", async () => {
    for (const bad of ["../other-bucket/x", `${randomUUID()}/../../x`, "a/b/c"]) {
      await expect(store.get(bad)).rejects.toThrow(InvalidStorageKey);
      await expect(store.put(bad, bytes, { contentType: "application/pdf" })).rejects.toThrow(InvalidStorageKey);
      await expect(store.delete(bad)).rejects.toThrow(InvalidStorageKey);
    }
    expect(seen).toEqual([]);
  });
});
