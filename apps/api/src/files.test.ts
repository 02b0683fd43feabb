import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES } from "@city137/core";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { LocalDiskStore } from "@city137/files";
import { exifTags, imageInfo, phoneJpeg, png } from "@city137/files/testing";
import { createApp } from "./app";
import { contentDisposition } from "./files";
import { createLogger } from "./logger";

let t: TestDb;
let root: string;
let app: ReturnType<typeof createApp>;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

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
const token = async (who: string) => {
  if (!tokens.has(who)) {
    const [city] = who.split(".");
    const r = await trpc("auth.signIn", null, { city: city === "platform" ? null : city, login: who, password: "demo-pass-137" });
    tokens.set(who, (r as { token: string }).token);
  }
  return tokens.get(who)!;
};

const upload = async (who: string | null, requestId: string, file: { bytes: Uint8Array; name: string; type?: string } | null, purpose: string | null = "citizen") => {
  const form = new FormData();
  if (file) form.append("file", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
  if (purpose !== null) form.append("purpose", purpose);
  const headers: Record<string, string> = who ? { authorization: `Bearer ${await token(who)}` } : {};
  const res = await app.request(`/files/requests/${requestId}`, { method: "POST", body: form, headers });
  return { status: res.status, body: (await res.json()) as Json };
};
const download = async (who: string | null, attachmentId: string, extra: Record<string, string> = {}) => {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${await token(who)}`, ...extra } : extra;
  return app.request(`/files/attachments/${attachmentId}`, { headers });
};

/** Files in the store (the bytes, not their .json sidecars) and attachment rows, counted below RLS. */
const storedFiles = async (): Promise<number> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.endsWith(".json")).length;
};
const rows = async () => Number((await t.owner.query<{ n: number }>("select count(*)::int as n from attachments"))[0]!.n);

const message = async (over: Json = {}) =>
  ((await trpc("request.create", await token("tehran.operator"), {
    idempotencyKey: randomUUID(),
    kind: "complaint",
    categoryId: ids.get("waste.collection"),
    channel: "phone",
    description: "زباله‌های کوچه جمع نشده",
    attributes: { waste_type: "household" },
    ...over,
  })) as { id: string; unitId: string }).id;

let inUnit: string; // a Tehran message held by R01-D01-OFFICE, the demo unit staff's unit
let atHq: string; // a Tehran message at HQ
const EXE = (() => {
  const b = new Uint8Array(2048);
  b.set([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
  return b;
})();

beforeAll(async () => {
  t = await createTestDb();
  root = await mkdtemp(join(tmpdir(), "c137-files-http-"));
  // A Tehran working morning: at night the demo tree sends waste to HQ, not the district.
  app = createApp({ db: t.db, log: createLogger("silent"), trustProxy: false, files: new LocalDiskStore(root), now: () => new Date("2026-11-22T10:00:00+03:30") });
  const admin = await token("tehran.admin");
  for (const c of (await trpc("category.list", admin, undefined, "GET")) as Array<{ code: string; id: string }>) ids.set(c.code, c.id);
  inUnit = await message({ lat: 35.82, lon: 51.101 });
  atHq = await message();
});
afterAll(async () => {
  await t?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("upload and download", () => {
  it("round-trips a photo with its type, name, headers, timeline entry and list entry", async () => {
    const bytes = await png(64, 48);
    const up = await upload("tehran.operator", inUnit, { bytes, name: "عکس کوچه.png", type: "image/png" });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ id: expect.any(String), kind: "photo", mime: "image/png", sizeBytes: expect.any(Number), purpose: "citizen", originalName: "عکس کوچه.png" });

    const res = await download("tehran.operator", up.body.id as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="attachment.png"; filename*=UTF-8''${encodeURIComponent("عکس کوچه.png")}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const got = new Uint8Array(await res.arrayBuffer());
    expect(got.byteLength).toBe(up.body.sizeBytes);
    expect(res.headers.get("content-length")).toBe(String(got.byteLength));
    expect(res.headers.get("etag")).toBe(`"${createHash("sha256").update(got).digest("hex")}"`);
    expect(await imageInfo(got)).toMatchObject({ format: "png", width: 64, height: 48 });

    // a cached copy is revalidated, not sent again
    const again = await download("tehran.operator", up.body.id as string, { "if-none-match": res.headers.get("etag")! });
    expect(again.status).toBe(304);

    const full = (await trpc("request.get", await token("tehran.operator"), { id: inUnit }, "GET")) as { timeline: Array<{ type: string; data: Json }> };
    expect(full.timeline.find((e) => e.type === "attachment_added")?.data).toMatchObject({ attachmentId: up.body.id, purpose: "citizen", kind: "photo" });
    const list = (await trpc("attachment.list", await token("tehran.operator"), { requestId: inUnit }, "GET")) as Json[];
    expect(list.map((a) => a.id)).toContain(up.body.id);
    expect(Object.keys(list[0]!)).not.toContain("storageKey");
  });

  it("offers a PDF as a download and keeps it byte for byte", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const up = await upload("tehran.operator", inUnit, { bytes: pdf, name: "letter.pdf", type: "application/pdf" });
    expect(up.body).toMatchObject({ kind: "document", mime: "application/pdf", originalName: "letter.pdf" });
    const res = await download("tehran.operator", up.body.id as string);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it("strips EXIF (GPS, camera) and applies the orientation of a phone photo", async () => {
    const original = await phoneJpeg({ width: 200, height: 100, orientation: 6 });
    expect(exifTags((await imageInfo(original)).exif)).toContain(0x8825); // the fixture carries GPS
    const up = await upload("tehran.operator", inUnit, { bytes: original, name: "IMG_2041.JPG", type: "image/jpeg" });
    expect(up.body).toMatchObject({ kind: "photo", mime: "image/jpeg", originalName: "IMG_2041.jpg" });
    const got = new Uint8Array(await (await download("tehran.operator", up.body.id as string)).arrayBuffer());
    const info = await imageInfo(got);
    expect(info).toMatchObject({ format: "jpeg", width: 100, height: 200 });
    expect(info.exif).toBeUndefined();
    expect(Buffer.from(got).toString("latin1")).not.toContain("TestCam");
  });
});

describe("content decides the type", () => {
  it("stores a PNG named .pdf (sent as application/pdf) as a PNG", async () => {
    const up = await upload("tehran.operator", inUnit, { bytes: await png(), name: "scan.pdf", type: "application/pdf" });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ kind: "photo", mime: "image/png", originalName: "scan.png" });
    expect((await download("tehran.operator", up.body.id as string)).headers.get("content-type")).toBe("image/png");
  });

  it("refuses an .exe renamed .jpg with its key, storing nothing", async () => {
    const [files, count] = [await storedFiles(), await rows()];
    const up = await upload("tehran.operator", inUnit, { bytes: EXE, name: "holiday.jpg", type: "image/jpeg" });
    expect(up).toEqual({ status: 415, body: { code: "UNSUPPORTED_MEDIA_TYPE", messageKey: "errors.attachment.unsupportedType", field: "file" } });
    expect([await storedFiles(), await rows()]).toEqual([files, count]);
  });

  it("refuses an empty file, a missing file and an unknown purpose", async () => {
    expect(await upload("tehran.operator", inUnit, { bytes: new Uint8Array(0), name: "x.jpg" })).toEqual({ status: 400, body: { code: "BAD_REQUEST", messageKey: "errors.attachment.empty", field: "file" } });
    expect(await upload("tehran.operator", inUnit, null)).toEqual({ status: 400, body: { code: "BAD_REQUEST", messageKey: "errors.attachment.missingFile", field: "file" } });
    expect(await upload("tehran.operator", inUnit, { bytes: await png(), name: "x.png" }, "selfie")).toEqual({ status: 400, body: { code: "BAD_REQUEST", messageKey: "errors.attachment.invalidPurpose", field: "purpose" } });
  });
});

describe("size limits", () => {
  it("refuses a photo past its limit, and a body past the largest limit before reading it all", async () => {
    const [files, count] = [await storedFiles(), await rows()];
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
    expect(await upload("tehran.operator", inUnit, { bytes: big, name: "big.jpg" })).toEqual({
      status: 413,
      body: { code: "PAYLOAD_TOO_LARGE", messageKey: "errors.attachment.tooLarge", field: "file", params: { maxMb: 10 } },
    });
    const huge = new Uint8Array(16 * 1024 * 1024);
    huge.set(new TextEncoder().encode("%PDF-1.7\n"));
    expect(await upload("tehran.operator", inUnit, { bytes: huge, name: "huge.pdf" })).toEqual({
      status: 413,
      body: { code: "PAYLOAD_TOO_LARGE", messageKey: "errors.attachment.tooLarge", field: "file", params: { maxMb: 15 } },
    });
    expect([await storedFiles(), await rows()]).toEqual([files, count]);
  });
});

describe("who may upload and download", () => {
  it("another city's staff get 404 on both routes and nothing is written (with a positive control)", async () => {
    const own = await upload("tehran.operator", atHq, { bytes: await png(), name: "control.png" });
    expect(own.status).toBe(201); // control: Tehran's own staff succeed
    expect((await download("tehran.supervisor", own.body.id as string)).status).toBe(200);

    const [files, count] = [await storedFiles(), await rows()];
    for (const who of ["shiraz.operator", "shiraz.admin"]) {
      expect(await upload(who, atHq, { bytes: await png(), name: "x.png" }), who).toEqual({ status: 404, body: { code: "NOT_FOUND", messageKey: "errors.notFound" } });
      const res = await download(who, own.body.id as string);
      expect(res.status, who).toBe(404);
      expect(await res.json()).toEqual({ code: "NOT_FOUND", messageKey: "errors.notFound" });
    }
    expect([await storedFiles(), await rows()]).toEqual([files, count]);
  });

  it("unit staff reach their unit's messages only; other units' answer 404", async () => {
    const mine = await upload("tehran.unitstaff", inUnit, { bytes: await png(), name: "site.png" });
    expect(mine.status).toBe(201);
    expect((await download("tehran.unitstaff", mine.body.id as string)).status).toBe(200);

    const hqFile = await upload("tehran.operator", atHq, { bytes: await png(), name: "hq.png" });
    const [files, count] = [await storedFiles(), await rows()];
    expect((await upload("tehran.unitstaff", atHq, { bytes: await png(), name: "x.png" })).status).toBe(404);
    expect((await download("tehran.unitstaff", hqFile.body.id as string)).status).toBe(404);
    expect([await storedFiles(), await rows()]).toEqual([files, count]);
  });

  it("proof of work only by those who may resolve; citizen files not by managers", async () => {
    const proof = { bytes: await png(), name: "done.png" };
    expect(await upload("tehran.operator", inUnit, proof, "proof")).toEqual({ status: 403, body: { code: "FORBIDDEN", messageKey: "errors.forbidden" } });
    expect((await upload("tehran.manager", inUnit, proof, "proof")).status).toBe(403);
    expect((await upload("tehran.manager", inUnit, proof, "citizen")).status).toBe(403);
    expect((await upload("tehran.unitstaff", inUnit, proof, "proof")).body).toMatchObject({ purpose: "proof" });
    expect((await upload("tehran.supervisor", inUnit, proof, "proof")).status).toBe(201);
  });

  it("answers 401 without a session, 403 to platform staff and 404 to a malformed id", async () => {
    expect(await upload(null, inUnit, { bytes: await png(), name: "x.png" })).toEqual({ status: 401, body: { code: "UNAUTHORIZED", messageKey: "errors.unauthorized" } });
    expect((await download(null, randomUUID())).status).toBe(401);
    expect((await upload("platform.admin", inUnit, { bytes: await png(), name: "x.png" })).status).toBe(403);
    expect((await upload("tehran.operator", "../../etc", { bytes: await png(), name: "x.png" })).status).toBe(404);
    expect((await download("tehran.operator", "..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await download("tehran.operator", randomUUID())).status).toBe(404);
  });
});

describe("corruption reports", () => {
  it("only inspectors attach and open their files, and every opening is in the audit log with who", async () => {
    const report = await message({ kind: "corruption_report", categoryId: ids.get("corruption"), attributes: {} });
    const up = await upload("tehran.inspector", report, { bytes: await png(), name: "evidence.png" });
    expect(up.status).toBe(201);
    expect((await upload("tehran.supervisor", report, { bytes: await png(), name: "x.png" })).status).toBe(404);
    expect((await download("tehran.supervisor", up.body.id as string)).status).toBe(404);

    const audit = async () =>
      ((await trpc("audit.list", await token("tehran.admin"), { limit: 500 }, "GET")) as Array<{ action: string; actorName: string | null; targetId: string | null }>).filter(
        (e) => e.action === "attachment.viewed_confidential" && e.targetId === up.body.id,
      );
    expect(await audit()).toHaveLength(0); // the refused attempt is no view
    expect((await download("tehran.inspector", up.body.id as string)).status).toBe(200);
    expect((await download("tehran.inspector", up.body.id as string)).status).toBe(200);
    const me = (await trpc("auth.me", await token("tehran.inspector"), undefined, "GET")) as { user: { displayName: string } };
    expect((await audit()).map((e) => e.actorName)).toEqual([me.user.displayName, me.user.displayName]);
  });
});

describe("store first, then the row", () => {
  it("deletes the stored bytes again when the row cannot be written", async () => {
    await t.owner.exec("alter table attachments add constraint test_refuse_name check (original_name <> 'refused.png') not valid");
    try {
      const [files, count] = [await storedFiles(), await rows()];
      const up = await upload("tehran.operator", inUnit, { bytes: await png(), name: "refused.png" });
      expect(up).toEqual({ status: 500, body: { code: "INTERNAL_SERVER_ERROR", messageKey: "errors.internal" } });
      expect([await storedFiles(), await rows()]).toEqual([files, count]);
      // control: the same upload under another name is stored
      expect((await upload("tehran.operator", inUnit, { bytes: await png(), name: "accepted.png" })).status).toBe(201);
      expect(await storedFiles()).toBe(files + 1);
    } finally {
      await t.owner.exec("alter table attachments drop constraint test_refuse_name");
    }
  });
});

describe("Content-Disposition", () => {
  it("quotes ASCII names, falls back for others and always carries the RFC 5987 name", () => {
    expect(contentDisposition("photo", "a b.jpg")).toBe(`inline; filename="a b.jpg"; filename*=UTF-8''a%20b.jpg`);
    expect(contentDisposition("document", `q"x'(1).pdf`)).toBe(`attachment; filename="q_x'(1).pdf"; filename*=UTF-8''q%22x%27%281%29.pdf`);
    expect(contentDisposition("audio", "پیام صوتی.webm")).toBe(`inline; filename="attachment.webm"; filename*=UTF-8''${encodeURIComponent("پیام صوتی.webm")}`);
  });
});
