import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesOf, ForeignStorageKey, InvalidStorageKey, LocalDiskStore, MemoryStore, parseStorageKey, storageKey, streamOf, TenantFiles } from "./index";

const tehran = randomUUID();
const shiraz = randomUUID();
const text = (s: string) => new TextEncoder().encode(s);
const read = async (body: ReadableStream<Uint8Array>) => new TextDecoder().decode(await bytesOf(body));

describe("storage keys", () => {
  it("are <tenant>/<request>/<attachment>, made by one function, lower-case", () => {
    const [r, a] = [randomUUID(), randomUUID()];
    expect(storageKey({ tenantId: tehran.toUpperCase(), requestId: r, attachmentId: a })).toBe(`${tehran}/${r}/${a}`);
    expect(parseStorageKey(`${tehran}/${r}/${a}`)).toEqual({ tenantId: tehran, requestId: r, attachmentId: a });
  });

  it.each([
    ["a parent directory", { tenantId: "..", requestId: randomUUID(), attachmentId: randomUUID() }],
    ["a slash inside a part", { tenantId: tehran, requestId: `${randomUUID()}/..`, attachmentId: randomUUID() }],
    ["an empty part", { tenantId: tehran, requestId: "", attachmentId: randomUUID() }],
  ])("refuse %s", (_what, ref) => {
    expect(() => storageKey(ref)).toThrow(InvalidStorageKey);
  });

  it.each([
    "../../etc/passwd",
    `${tehran}/../${shiraz}/x`,
    `/${tehran}/${randomUUID()}/${randomUUID()}`,
    `${tehran}/${randomUUID()}/${randomUUID()}/..`,
    `${tehran}/${randomUUID()}/${randomUUID()}.json`,
    `${tehran}\\${randomUUID()}\\${randomUUID()}`,
    `${tehran}/${randomUUID()}/%2e%2e`,
    "",
  ])("a malformed key is refused: %s", (key) => {
    expect(() => parseStorageKey(key)).toThrow(InvalidStorageKey);
  });

  it("a city's view makes only its own keys and refuses another city's", async () => {
    const store = new MemoryStore();
    const tehranFiles = new TenantFiles(store, tehran);
    const shirazFiles = new TenantFiles(store, shiraz);
    const key = await shirazFiles.put(randomUUID(), randomUUID(), text("shiraz"), { contentType: "text/plain" });
    expect(key.startsWith(`${shiraz}/`)).toBe(true);
    expect(tehranFiles.keyFor(randomUUID(), randomUUID()).startsWith(`${tehran}/`)).toBe(true);
    await expect(tehranFiles.get(key)).rejects.toThrow(ForeignStorageKey);
    await expect(tehranFiles.delete(key)).rejects.toThrow(ForeignStorageKey);
    expect(store.files.has(key)).toBe(true);
    // control: the owner reads it
    expect(await read((await shirazFiles.get(key))!.body)).toBe("shiraz");
    expect(() => new TenantFiles(store, "../x")).toThrow(InvalidStorageKey);
  });
});

describe("local disk store", () => {
  let root: string;
  let store: LocalDiskStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "c137-files-"));
    store = new LocalDiskStore(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("round-trips bytes and streams with their type, size and hash; deleting twice is fine", async () => {
    const key = storageKey({ tenantId: tehran, requestId: randomUUID(), attachmentId: randomUUID() });
    await store.put(key, text("سلام"), { contentType: "text/plain" });
    const got = await store.get(key);
    expect(got!.meta).toEqual({ contentType: "text/plain", size: 8, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await read(got!.body)).toBe("سلام");

    const streamed = storageKey({ tenantId: tehran, requestId: randomUUID(), attachmentId: randomUUID() });
    await store.put(streamed, streamOf(text("streamed")), { contentType: "audio/ogg" });
    expect(await read((await store.get(streamed))!.body)).toBe("streamed");

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    // no temporary files left beside the stored ones
    const dir = join(root, ...streamed.split("/").slice(0, 2));
    expect((await readdir(dir)).sort()).toEqual([streamed.split("/")[2], `${streamed.split("/")[2]}.json`].sort());
  });

  it("refuses a write whose bytes do not match the given hash, leaving nothing", async () => {
    const key = storageKey({ tenantId: tehran, requestId: randomUUID(), attachmentId: randomUUID() });
    await expect(store.put(key, text("x"), { contentType: "text/plain", sha256: "0".repeat(64) })).rejects.toThrow();
    expect(await store.get(key)).toBeNull();
    expect(await readdir(join(root, ...key.split("/").slice(0, 2)))).toEqual([]);
  });

  it("refuses path traversal on every operation", async () => {
    for (const key of ["../../etc/passwd", `${tehran}/../../outside`, "/etc/passwd", `${tehran}/x/y`]) {
      await expect(store.put(key, text("x"), { contentType: "text/plain" })).rejects.toThrow(InvalidStorageKey);
      await expect(store.get(key)).rejects.toThrow(InvalidStorageKey);
      await expect(store.delete(key)).rejects.toThrow(InvalidStorageKey);
    }
    expect(await readdir(join(root, ".."))).not.toContain("outside");
  });
});
