/**
 * The citizen's files on the portal, through the same building blocks as the
 * staff's attachment service (packages/api/src/attachments): type from
 * content, photos re-encoded without EXIF, tenant-scoped storage keys, store
 * then insert, bytes removed again if the insert fails. No session here:
 * an upload needs the token the submit answered with (signed for that one
 * message), a proof photo the token the tracking page gave for it.
 */
import { randomUUID } from "node:crypto";
import { AppError, isOpen, notFound, verifyLink } from "@city137/core";
import { getAttachment, getRequest, insertAttachment, insertRequestEvent, isUuid, listAttachments } from "@city137/db";
import { prepareFile, TenantFiles, type FileStore } from "@city137/files";
import type { Context } from "../../trpc";
import { inCity, portalCity, settingsOf } from "../../portal/city";

/** Files a citizen may add to one message from the portal. */
export const MAX_CITIZEN_FILES = 5;

function store(files: FileStore | null): FileStore {
  if (!files) throw new AppError("SERVICE_UNAVAILABLE", "errors.serviceUnavailable");
  return files;
}

async function uploadTarget(ctx: Context, slug: string, trackingCode: string, token: string) {
  const city = await portalCity(ctx, slug);
  const request = await inCity(ctx, city, async (tx) => {
    const r = await getRequest(tx, { tenantId: city.id, trackingCode });
    const { signingSecret } = await settingsOf(tx, city);
    if (!r || !verifyLink(signingSecret, "upload", r.id, token)) throw notFound();
    if (!isOpen(r.status)) throw new AppError("CONFLICT", "portal.errors.notOpen", { field: "file" });
    return r;
  });
  return { city, request };
}

/** 404 unless the token fits the message (checked before the body is read). */
export async function assertPortalUpload(ctx: Context, p: { city: string; trackingCode: string; token: string }) {
  await uploadTarget(ctx, p.city, p.trackingCode, p.token);
}

export async function addCitizenAttachment(ctx: Context, p: { city: string; trackingCode: string; token: string; fileName: string | null; bytes: Uint8Array }) {
  const { city, request } = await uploadTarget(ctx, p.city, p.trackingCode, p.token);
  const files = new TenantFiles(store(ctx.files), city.id);
  const prepared = await prepareFile(p.bytes, p.fileName);
  // A retried upload of the same file (same bytes after preparing) is the first one again.
  const existing = await inCity(ctx, city, (tx) => listAttachments(tx, { tenantId: city.id, requestId: request.id }));
  const mine = existing.filter((a) => a.purpose === "citizen");
  const same = await inCity(ctx, city, async (tx) => {
    for (const a of mine) {
      const row = await getAttachment(tx, { tenantId: city.id, id: a.id });
      if (row?.sha256 === prepared.sha256) return row;
    }
    return null;
  });
  if (same) return { id: same.id, kind: same.kind, originalName: same.originalName, replayed: true };
  if (mine.length >= MAX_CITIZEN_FILES) throw new AppError("BAD_REQUEST", "portal.errors.tooManyFiles", { field: "file", params: { max: MAX_CITIZEN_FILES } });
  const id = randomUUID();
  const key = await files.put(request.id, id, prepared.bytes, { contentType: prepared.mime, sha256: prepared.sha256 });
  const now = ctx.now();
  try {
    return await inCity(ctx, city, async (tx) => {
      const row = await insertAttachment(tx, {
        tenantId: city.id,
        id,
        requestId: request.id,
        purpose: "citizen",
        kind: prepared.kind,
        mime: prepared.mime,
        sizeBytes: prepared.sizeBytes,
        sha256: prepared.sha256,
        storageKey: key,
        originalName: prepared.originalName,
        width: prepared.width,
        height: prepared.height,
        createdBy: null,
        createdAt: now,
      });
      await insertRequestEvent(tx, { tenantId: city.id, requestId: request.id, at: now, type: "attachment_added", data: { attachmentId: id, purpose: "citizen", kind: prepared.kind, name: prepared.originalName, by: "citizen" } });
      return { id: row.id, kind: row.kind, originalName: row.originalName, replayed: false };
    });
  } catch (err) {
    const absent = await inCity(ctx, city, (tx) => getAttachment(tx, { tenantId: city.id, id })).then((r) => r === null, () => false);
    if (absent) await files.delete(key).catch(() => undefined);
    throw err;
  }
}

/** A proof-of-work photo of a message, for whoever holds the token the tracking page gave for that photo. */
export async function openProofPhoto(ctx: Context, p: { city: string; attachmentId: string; token: string }) {
  const city = await portalCity(ctx, p.city);
  if (!isUuid(p.attachmentId)) throw notFound();
  const row = await inCity(ctx, city, async (tx) => {
    const a = await getAttachment(tx, { tenantId: city.id, id: p.attachmentId });
    const { signingSecret } = await settingsOf(tx, city);
    if (!a || a.removedAt || a.purpose !== "proof" || a.kind !== "photo" || !verifyLink(signingSecret, "photo", a.id, p.token)) throw notFound();
    return a;
  });
  const file = await new TenantFiles(store(ctx.files), city.id).get(row.storageKey);
  if (!file) throw notFound();
  return { attachment: { id: row.id, mime: row.mime, sizeBytes: row.sizeBytes, sha256: row.sha256, kind: row.kind, originalName: row.originalName }, file };
}
