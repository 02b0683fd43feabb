import { fileTypeFromBuffer } from "file-type/core";
import { AppError } from "../errors/app-error";
import { ACCEPTED_TYPES, MAX_BYTES, sanitiseFileName, type AcceptedType } from "./rules";

/** A file that passed intake: its type comes from its content, never its name. */
export interface InspectedFile extends AcceptedType {
  originalName: string;
  sizeBytes: number;
}

const MiB = 1024 * 1024;

/** What file-type reports, mapped to what we accept. Anything missing here is refused. */
const BY_DETECTED_MIME: Record<string, AcceptedType> = {
  "image/jpeg": ACCEPTED_TYPES.jpeg,
  "image/png": ACCEPTED_TYPES.png,
  "image/webp": ACCEPTED_TYPES.webp,
  "image/heic": ACCEPTED_TYPES.heic,
  "image/heif": ACCEPTED_TYPES.heic,
  "image/avif": ACCEPTED_TYPES.avif,
  "application/pdf": ACCEPTED_TYPES.pdf,
  "audio/ogg; codecs=opus": ACCEPTED_TYPES.ogg,
  "audio/ogg": ACCEPTED_TYPES.ogg,
  "audio/x-m4a": ACCEPTED_TYPES.mp4,
  "audio/mp4": ACCEPTED_TYPES.mp4,
  "audio/mpeg": ACCEPTED_TYPES.mpeg,
  "audio/wav": ACCEPTED_TYPES.wav,
  "audio/amr": ACCEPTED_TYPES.amr,
};

const rejected = (messageKey: string, params?: Record<string, string | number>) =>
  new AppError("BAD_REQUEST", messageKey, { field: "file", params });

/**
 * Decides what a file is from its bytes, and whether it is accepted:
 * errors.attachment.empty, errors.attachment.unsupportedType or
 * errors.attachment.tooLarge (with the limit in MB), all on field "file".
 */
export async function inspectFile(bytes: Uint8Array, name: string | null | undefined): Promise<InspectedFile> {
  if (bytes.byteLength === 0) throw rejected("errors.attachment.empty");
  const type = await detectType(bytes);
  if (!type) throw rejected("errors.attachment.unsupportedType");
  const max = MAX_BYTES[type.kind];
  if (bytes.byteLength > max) throw rejected("errors.attachment.tooLarge", { maxMb: Math.floor(max / MiB) });
  return { ...type, originalName: sanitiseFileName(name, type.ext), sizeBytes: bytes.byteLength };
}

/** The accepted type of these bytes, or null. Exported for tests. */
export async function detectType(bytes: Uint8Array): Promise<AcceptedType | null> {
  const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (!found) return null;
  const direct = BY_DETECTED_MIME[found.mime];
  if (direct) return direct;
  // MediaRecorder writes voice notes as WebM (Chrome, Firefox) or MP4 (Safari);
  // file-type names both containers video/*. Accept them only without a video track.
  if (found.mime === "video/webm") return webmIsAudioOnly(bytes) ? ACCEPTED_TYPES.webm : null;
  if (found.mime === "video/mp4") return mp4IsAudioOnly(bytes) ? ACCEPTED_TYPES.mp4 : null;
  return null;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function indexOf(bytes: Uint8Array, needle: number[], from = 0, to = bytes.length): number {
  const first = needle[0]!;
  for (let i = bytes.indexOf(first, from); i !== -1 && i + needle.length <= to; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/**
 * WebM: the track entries (before the first Cluster) carry CodecID elements
 * (id 0x86, short string "A_OPUS", "V_VP8", …). At least one audio codec and
 * no video codec.
 */
export function webmIsAudioOnly(bytes: Uint8Array): boolean {
  const cluster = indexOf(bytes, [0x1f, 0x43, 0xb6, 0x75]);
  const end = cluster === -1 ? bytes.length : cluster;
  let audio = false;
  for (let i = indexOf(bytes, [0x86], 0, end); i !== -1; i = indexOf(bytes, [0x86], i + 1, end)) {
    const size = bytes[i + 1];
    if (size === undefined || size < 0x82 || size > 0xa0) continue; // 1-byte EBML size of a short string
    const prefix = String.fromCharCode(bytes[i + 2] ?? 0, bytes[i + 3] ?? 0);
    if (prefix === "V_") return false;
    if (prefix === "A_") audio = true;
  }
  return audio;
}

/** MP4: every track's handler ('hdlr' box, handler type 12 bytes on) is sound, none is video. */
export function mp4IsAudioOnly(bytes: Uint8Array): boolean {
  const hdlr = ascii("hdlr");
  let audio = false;
  for (let i = indexOf(bytes, hdlr); i !== -1; i = indexOf(bytes, hdlr, i + 4)) {
    const handler = String.fromCharCode(...bytes.subarray(i + 12, i + 16));
    if (handler === "vide") return false;
    if (handler === "soun") audio = true;
  }
  return audio;
}
