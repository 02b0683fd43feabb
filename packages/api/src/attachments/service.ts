/**
 * Attachments on citizen messages, for both doors: the HTTP file routes
 * (upload, download) and the tRPC procedures (list, remove). Thin callers
 * hand in a StaffScope; everything that decides lives here and in core.
 *
 * Order of a write: check who may attach, prepare the bytes (type from
 * content, photos re-encoded), store them, then insert the row and the
 * timeline entry in one transaction. If that transaction fails and the row
 * is not there, the stored bytes are deleted again: the database never
 * points at missing bytes, and a crash leaves at worst an unreferenced file.
 */
import { randomUUID } from "node:crypto";
import {
  AppError,
  canAddAttachment,
  canRemoveAttachment,
  canSeeRequest,
  forbidden,
  isAttachmentPurpose,
  notFound,
  unauthorized,
  type AttachmentPurpose,
  type Viewer,
} from "@city137/core";
import {
  getAttachment,
  getRequest,
  insertAttachment,
  insertRequestEvent,
  isUuid,
  listAttachments,
  markAttachmentRemoved,
  recordAudit,
  withTenant,
  type AttachmentRow,
  type Tx,
} from "@city137/db";
import { prepareFile, TenantFiles, type FileStore, type StoredFile } from "@city137/files";
import type { Context } from "../trpc";

/** A signed-in member of a city's staff, with the one door to that city's data. */
export interface StaffScope {
  tenantId: string;
  actorId: string;
  viewer: Viewer;
  ip: string | null;
  now: Date;
  tenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
}

/** The scope of the request's bearer session, as staffProcedure resolves it (401 / 403 otherwise). */
export async function staffScopeOf(ctx: Context): Promise<StaffScope> {
  const session = await ctx.session();
  if (!session) throw unauthorized();
  if (session.kind !== "city") throw forbidden();
  const { tenantId } = session;
  return {
    tenantId,
    actorId: session.user.id,
    viewer: { roles: session.user.roles, unitIds: session.user.unitIds },
    ip: ctx.ip,
    now: ctx.now(),
    tenant: (fn) => withTenant(ctx.db, tenantId, fn),
  };
}

/** What an upload answers with. */
export interface AddedAttachment {
  id: string;
  kind: AttachmentRow["kind"];
  mime: string;
  sizeBytes: number;
  purpose: AttachmentPurpose;
  originalName: string;
}

function requireStore(files: FileStore | null | undefined): FileStore {
  if (!files) throw new AppError("SERVICE_UNAVAILABLE", "errors.serviceUnavailable");
  return files;
}

async function visibleRequest(tx: Tx, scope: StaffScope, requestId: string) {
  if (!isUuid(requestId)) throw notFound();
  const r = await getRequest(tx, { tenantId: scope.tenantId, id: requestId });
  // Another city's id, or a message this member may not see: it does not exist for them.
  if (!r || !canSeeRequest(scope.viewer, r)) throw notFound();
  return r;
}

/** 404 unless the message exists in the scope's city and the member may see it (no body needed yet). */
export function assertRequestVisible(scope: StaffScope, requestId: string): Promise<void> {
  return scope.tenant(async (tx) => {
    await visibleRequest(tx, scope, requestId);
  });
}

export async function addAttachment(
  scope: StaffScope,
  store: FileStore | null | undefined,
  input: { requestId: string; purpose: unknown; fileName: string | null; bytes: Uint8Array },
): Promise<AddedAttachment> {
  const files = new TenantFiles(requireStore(store), scope.tenantId);
  if (!isAttachmentPurpose(input.purpose)) throw new AppError("BAD_REQUEST", "errors.attachment.invalidPurpose", { field: "purpose" });
  const purpose = input.purpose;
  const mayAttach = async (tx: Tx) => {
    const r = await visibleRequest(tx, scope, input.requestId);
    if (!canAddAttachment(scope.viewer, r, purpose)) throw forbidden();
    return r;
  };
  const request = await scope.tenant(mayAttach);
  const prepared = await prepareFile(input.bytes, input.fileName);
  const id = randomUUID();
  const key = await files.put(request.id, id, prepared.bytes, { contentType: prepared.mime, sha256: prepared.sha256 });
  try {
    return await scope.tenant(async (tx) => {
      await mayAttach(tx); // the message may have moved to another unit meanwhile
      const row = await insertAttachment(tx, {
        tenantId: scope.tenantId,
        id,
        requestId: request.id,
        purpose,
        kind: prepared.kind,
        mime: prepared.mime,
        sizeBytes: prepared.sizeBytes,
        sha256: prepared.sha256,
        storageKey: key,
        originalName: prepared.originalName,
        width: prepared.width,
        height: prepared.height,
        createdBy: scope.actorId,
        createdAt: scope.now,
      });
      await insertRequestEvent(tx, {
        tenantId: scope.tenantId,
        requestId: request.id,
        at: scope.now,
        actorStaffId: scope.actorId,
        type: "attachment_added",
        data: { attachmentId: id, purpose, kind: prepared.kind, name: prepared.originalName },
      });
      return { id: row.id, kind: row.kind, mime: row.mime, sizeBytes: row.sizeBytes, purpose: row.purpose, originalName: row.originalName };
    });
  } catch (err) {
    // Delete the bytes only when the row is surely absent; if that cannot be
    // told (database unreachable), an unreferenced file beats a lost one.
    const absent = await scope.tenant((tx) => getAttachment(tx, { tenantId: scope.tenantId, id })).then((row) => row === null, () => false);
    if (absent) await files.delete(key).catch(() => undefined);
    throw err;
  }
}

export interface OpenedAttachment {
  attachment: Pick<AttachmentRow, "id" | "requestId" | "kind" | "mime" | "sizeBytes" | "sha256" | "originalName" | "purpose">;
  file: StoredFile;
}

/**
 * An attachment's bytes for a member who may see its message. Every opening
 * of a corruption report's attachment is written to the audit log, with who
 * and from where, before any byte leaves.
 */
export async function openAttachment(scope: StaffScope, store: FileStore | null | undefined, attachmentId: string): Promise<OpenedAttachment> {
  const files = new TenantFiles(requireStore(store), scope.tenantId);
  if (!isUuid(attachmentId)) throw notFound();
  const row = await scope.tenant(async (tx) => {
    const a = await getAttachment(tx, { tenantId: scope.tenantId, id: attachmentId });
    if (!a || a.removedAt) throw notFound();
    const r = await visibleRequest(tx, scope, a.requestId);
    if (r.kind === "corruption_report") {
      await recordAudit(tx, scope.tenantId, {
        action: "attachment.viewed_confidential",
        actorId: scope.actorId,
        targetType: "attachment",
        targetId: a.id,
        ip: scope.ip,
        detail: { requestId: r.id, trackingCode: r.trackingCode, name: a.originalName },
      });
    }
    return a;
  });
  const file = await files.get(row.storageKey);
  if (!file) throw notFound();
  const { id, requestId, kind, mime, sizeBytes, sha256, originalName, purpose } = row;
  return { attachment: { id, requestId, kind, mime, sizeBytes, sha256, originalName, purpose }, file };
}

/** A message's attachments (metadata only, never storage keys). */
export function listRequestAttachments(scope: StaffScope, requestId: string) {
  return scope.tenant(async (tx) => {
    const r = await visibleRequest(tx, scope, requestId);
    return listAttachments(tx, { tenantId: scope.tenantId, requestId: r.id });
  });
}

/**
 * Removes an attachment: the row stays as a record (removed_at, removed_by),
 * the timeline and the audit log say who removed what, and the bytes are
 * deleted after commit. Removing again is harmless and retries the delete.
 */
export async function removeAttachment(scope: StaffScope, store: FileStore | null | undefined, attachmentId: string) {
  const files = new TenantFiles(requireStore(store), scope.tenantId);
  if (!isUuid(attachmentId)) throw notFound();
  const row = await scope.tenant(async (tx) => {
    const a = await getAttachment(tx, { tenantId: scope.tenantId, id: attachmentId });
    if (!a) throw notFound();
    const r = await visibleRequest(tx, scope, a.requestId);
    if (!canRemoveAttachment(scope.viewer, r)) throw forbidden();
    if (a.removedAt) return a;
    const removed = await markAttachmentRemoved(tx, { tenantId: scope.tenantId, id: a.id, by: scope.actorId, at: scope.now });
    if (!removed) return a; // removed concurrently
    const what = { attachmentId: a.id, purpose: a.purpose, kind: a.kind, name: a.originalName, sha256: a.sha256 };
    await insertRequestEvent(tx, { tenantId: scope.tenantId, requestId: r.id, at: scope.now, actorStaffId: scope.actorId, type: "attachment_removed", data: what });
    await recordAudit(tx, scope.tenantId, { action: "attachment.removed", actorId: scope.actorId, targetType: "attachment", targetId: a.id, ip: scope.ip, detail: { requestId: r.id, ...what } });
    return removed;
  });
  await files.delete(row.storageKey);
  return { id: row.id, removed: true as const };
}
