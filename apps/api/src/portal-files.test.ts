import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { LocalDiskStore } from "@city137/files";
import { exifTags, imageInfo, phoneJpeg, png } from "@city137/files/testing";
import { createApp } from "./app";
import { createLogger } from "./logger";

/** The portal's files over HTTP: uploads with the submit's token, proof photos with the tracking page's token. */
let t: TestDb;
let root: string;
let app: ReturnType<typeof createApp>;
let waste = "";
let admin = "";

type Json = Record<string, unknown>;
const trpc = async (path: string, token: string | null, input?: unknown, method: "GET" | "POST" = "POST") => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const url = method === "GET" && input !== undefined ? `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `/trpc/${path}`;
  const res = await app.request(url, { method, headers, body: method === "POST" ? JSON.stringify(input) : undefined });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { data: Json } };
  if (!res.ok) throw Object.assign(new Error(`${path}: ${res.status}`), { data: body.error?.data });
  return body.result!.data as never;
};
const upload = async (city: string, code: string, token: string, bytes: Uint8Array, name = "photo.jpg") => {
  const form = new FormData();
  form.append("file", new File([bytes], name));
  const res = await app.request(`/portal-files/${city}/requests/${code}`, { method: "POST", body: form, headers: { "x-upload-token": token } });
  return { status: res.status, body: (await res.json()) as Json };
};
let n = 0;
const submit = async () =>
  (await trpc("portal.submit", null, {
    city: "tehran",
    idempotencyKey: `files-http-${++n}-key`,
    kind: "complaint",
    categoryId: waste,
    description: "زباله‌ها جمع نشده",
    attributes: { waste_type: "household" },
    mobile: "09121234567",
  })) as { trackingCode: string; uploadToken: string };

beforeAll(async () => {
  t = await createTestDb();
  root = await mkdtemp(join(tmpdir(), "c137-portal-files-"));
  app = createApp({ db: t.db, log: createLogger("silent"), trustProxy: false, files: new LocalDiskStore(root), now: () => new Date("2026-11-22T10:00:00+03:30") });
  admin = ((await trpc("auth.signIn", null, { city: "tehran", login: "tehran.admin", password: "demo-pass-137" })) as { token: string }).token;
  waste = ((await trpc("category.list", admin, undefined, "GET")) as Array<{ code: string; id: string }>).find((c) => c.code === "waste.collection")!.id;
});
afterAll(async () => {
  await t?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("citizen uploads", () => {
  it("attaches a phone photo without its location data; a retry of the same file is the first one; staff see it", async () => {
    const m = await submit();
    const photo = await phoneJpeg();
    // control: the phone's photo does carry a GPS block
    expect(exifTags((await imageInfo(photo)).exif)).toContain(0x8825);
    const up = await upload("tehran", m.trackingCode, m.uploadToken, photo, "IMG_1.jpg");
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ kind: "photo", replayed: false });
    const again = await upload("tehran", m.trackingCode, m.uploadToken, photo, "IMG_1.jpg");
    expect(again).toMatchObject({ status: 200, body: { id: up.body.id, replayed: true } });
    const r = (await trpc("request.get", admin, { trackingCode: m.trackingCode }, "GET")) as { id: string };
    const list = (await trpc("attachment.list", admin, { requestId: r.id }, "GET")) as Array<{ id: string; purpose: string; createdBy: string | null }>;
    expect(list).toEqual([expect.objectContaining({ id: up.body.id, purpose: "citizen", createdBy: null })]);
    const stored = await app.request(`/files/attachments/${String(up.body.id)}`, { headers: { authorization: `Bearer ${admin}` } });
    const bytes = new Uint8Array(await stored.arrayBuffer());
    expect(exifTags((await imageInfo(bytes)).exif)).not.toContain(0x8825);
  });

  it("refuses without the message's token, with another message's token, on another city's portal, and a file that is not what it claims", async () => {
    const a = await submit();
    const b = await submit();
    const bytes = await png(20, 20);
    expect((await upload("tehran", a.trackingCode, "x".repeat(22), bytes)).status).toBe(404);
    expect((await upload("tehran", a.trackingCode, b.uploadToken, bytes)).status).toBe(404);
    expect((await upload("shiraz", a.trackingCode, a.uploadToken, bytes)).status).toBe(404);
    const exe = new Uint8Array(2048);
    exe.set([0x4d, 0x5a, 0x90, 0]);
    const bad = await upload("tehran", a.trackingCode, a.uploadToken, exe, "photo.jpg");
    expect(bad).toMatchObject({ status: 415, body: { messageKey: "errors.attachment.unsupportedType", field: "file" } });
    // control: the right token on the right city's portal works
    expect((await upload("tehran", a.trackingCode, a.uploadToken, bytes)).status).toBe(201);
  });

  it("stops at five files per message", async () => {
    const m = await submit();
    for (let i = 0; i < 5; i++) expect((await upload("tehran", m.trackingCode, m.uploadToken, await png(10 + i, 10))).status).toBe(201);
    expect(await upload("tehran", m.trackingCode, m.uploadToken, await png(30, 10))).toMatchObject({ status: 400, body: { messageKey: "portal.errors.tooManyFiles", field: "file" } });
  });
});

describe("proof-of-work photos", () => {
  it("are served with the token the tracking page gives for that photo, in that city only", async () => {
    const m = await submit();
    const r = (await trpc("request.get", admin, { trackingCode: m.trackingCode }, "GET")) as { id: string };
    const form = new FormData();
    form.append("purpose", "proof");
    form.append("file", new File([await png(32, 32)], "done.png"));
    const up = await app.request(`/files/requests/${r.id}`, { method: "POST", body: form, headers: { authorization: `Bearer ${admin}` } });
    expect(up.status).toBe(201);
    const view = (await trpc("portal.track", null, { city: "tehran", trackingCode: m.trackingCode, last4: "4567" }, "GET")) as { proofPhotos: Array<{ id: string; token: string }> };
    const [photo] = view.proofPhotos;
    const ok = await app.request(`/portal-files/tehran/photos/${photo!.id}?s=${encodeURIComponent(photo!.token)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect((await app.request(`/portal-files/tehran/photos/${photo!.id}?s=${"y".repeat(22)}`)).status).toBe(404);
    expect((await app.request(`/portal-files/shiraz/photos/${photo!.id}?s=${encodeURIComponent(photo!.token)}`)).status).toBe(404);
  });
});
