import { randomUUID } from "node:crypto";
import { AppError, isoDateOfDay, tehranDayAndMinute } from "@city137/core";
import { listProtectedEntries, type ProtectedReportRow, type Tx } from "@city137/db";
import { prepareFile } from "@city137/files";
import { open, seal, unwrapDataKey, type ProtectedKeyring } from "../../protected/keys";

/** A date the channel may keep: the Tehran day, never the time. */
export const dayOf = (at: Date) => isoDateOfDay(tehranDayAndMinute(at).day);

/**
 * A reporter's photos, made safe to keep: the type read from the bytes, the
 * image decoded and written anew (no EXIF, GPS, camera, XMP, comments), the
 * name dropped. Documents and recordings are refused: their metadata (author,
 * device, software, edit history) cannot be removed reliably here.
 */
export async function cleanPhotos(files: Array<{ name: string; data: string }>) {
  const out: Array<{ mime: string; bytes: Uint8Array }> = [];
  for (const f of files) {
    const bytes = Buffer.from(f.data, "base64");
    // The reporter's own file name is not kept (it can name them or their device).
    const prepared = await prepareFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), f.name.replace(/^.*\./, "upload.")).catch((err: unknown) => {
      // The form's field is "files"; the reason stays the attachment rules' own.
      if (err instanceof AppError) throw new AppError(err.code, err.messageKey, { field: "files", params: err.params, cause: err });
      throw err;
    });
    if (prepared.kind !== "photo") throw new AppError("BAD_REQUEST", "protected.errors.photosOnly", { field: "files" });
    out.push({ mime: prepared.mime, bytes: prepared.bytes });
  }
  return out;
}

export interface NewEntry {
  id: string;
  author: "reporter" | "inspector";
  kind: "text" | "photo";
  mime: string | null;
  sizeBytes: number | null;
  content: string;
  writtenOn: string;
}

const entryAad = (reportId: string, entryId: string) => `${reportId}/entry/${entryId}`;
export const bodyAad = (reportId: string) => `${reportId}/body`;

export function sealEntries(dataKey: Buffer, reportId: string, author: NewEntry["author"], on: string, text: string | undefined, photos: Array<{ mime: string; bytes: Uint8Array }>): NewEntry[] {
  const entries: NewEntry[] = [];
  if (text) {
    const id = randomUUID();
    entries.push({ id, author, kind: "text", mime: null, sizeBytes: null, content: seal(dataKey, Buffer.from(text, "utf8"), entryAad(reportId, id)), writtenOn: on });
  }
  for (const p of photos) {
    const id = randomUUID();
    entries.push({ id, author, kind: "photo", mime: p.mime, sizeBytes: p.bytes.byteLength, content: seal(dataKey, Buffer.from(p.bytes), entryAad(reportId, id)), writtenOn: on });
  }
  return entries;
}

export function openEntry(dataKey: Buffer, reportId: string, e: { id: string; content: string }): Buffer {
  return open(dataKey, e.content, entryAad(reportId, e.id));
}

/** A report and its entries decrypted (photos left as their type and size): what both views are made of. */
export async function decryptedReport(keys: ProtectedKeyring, tx: Tx, row: ProtectedReportRow) {
  const dataKey = unwrapDataKey(keys, row);
  const entries = await listProtectedEntries(tx, { tenantId: row.tenantId, reportId: row.id });
  return {
    status: row.status,
    receivedOn: row.receivedOn,
    updatedOn: row.updatedOn,
    text: open(dataKey, row.body, bodyAad(row.id)).toString("utf8"),
    entries: entries.map((e) => ({
      id: e.id,
      author: e.author,
      kind: e.kind,
      mime: e.mime,
      sizeBytes: e.sizeBytes,
      writtenOn: e.writtenOn,
      text: e.kind === "text" ? openEntry(dataKey, row.id, e).toString("utf8") : null,
    })),
  };
}
