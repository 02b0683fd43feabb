import { createHash } from "node:crypto";
import { inspectFile, sanitiseFileName, type AttachmentKind } from "@city137/core";
import { reencodePhoto } from "./image";

/** An uploaded file made ready to store: checked, photos re-encoded, hashed. */
export interface PreparedFile {
  kind: AttachmentKind;
  mime: string;
  ext: string;
  originalName: string;
  bytes: Uint8Array;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

/**
 * The intake of one file: its type from its content (core's inspectFile:
 * empty, unsupported type and size limits), then photos re-encoded without
 * their metadata. Documents and recordings are kept byte for byte.
 * Throws AppError with a message key on field "file".
 */
export async function prepareFile(bytes: Uint8Array, name: string | null | undefined): Promise<PreparedFile> {
  const inspected = await inspectFile(bytes, name);
  let out: Omit<PreparedFile, "sha256" | "sizeBytes" | "originalName"> = { ...inspected, bytes, width: null, height: null };
  if (inspected.kind === "photo") out = await reencodePhoto(bytes, inspected);
  return {
    ...out,
    kind: inspected.kind,
    originalName: sanitiseFileName(name, out.ext),
    sizeBytes: out.bytes.byteLength,
    sha256: createHash("sha256").update(out.bytes).digest("hex"),
  };
}
