/**
 * Attachments on citizen messages: what is accepted, how large, who may add
 * them. Pure rules: no I/O (the bytes are sniffed in ./sniff.ts).
 */
import type { CityRole } from "../auth/roles";
import { canActOnRequest, canSeeRequest, type Viewer } from "../requests/access";
import type { MessageKind } from "../routing/vocabulary";

export const ATTACHMENT_KINDS = ["photo", "document", "audio"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** citizen: sent with the message at intake; proof: the unit's evidence of the work done. */
export const ATTACHMENT_PURPOSES = ["citizen", "proof"] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export function isAttachmentPurpose(value: unknown): value is AttachmentPurpose {
  return typeof value === "string" && (ATTACHMENT_PURPOSES as readonly string[]).includes(value);
}

const MiB = 1024 * 1024;

/** Largest photo accepted, measured on the uploaded bytes (before re-encoding). */
export const MAX_PHOTO_BYTES = 10 * MiB;
/** Largest document (PDF) accepted. */
export const MAX_DOCUMENT_BYTES = 15 * MiB;
/** Largest voice recording accepted. */
export const MAX_AUDIO_BYTES = 10 * MiB;

export const MAX_BYTES: Record<AttachmentKind, number> = {
  photo: MAX_PHOTO_BYTES,
  document: MAX_DOCUMENT_BYTES,
  audio: MAX_AUDIO_BYTES,
};

/** The largest file of any kind: what an upload may carry at most. */
export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(MAX_BYTES));

/** Photos are bounded to this many pixels on their long side when re-encoded. */
export const MAX_PHOTO_EDGE = 2560;

/** Decoding refuses images with more pixels than this (decompression bombs). */
export const MAX_PHOTO_INPUT_PIXELS = 80_000_000;

/** The stored type of each accepted content: canonical MIME and file extension. */
export interface AcceptedType {
  kind: AttachmentKind;
  mime: string;
  ext: string;
}

export const ACCEPTED_TYPES = {
  jpeg: { kind: "photo", mime: "image/jpeg", ext: "jpg" },
  png: { kind: "photo", mime: "image/png", ext: "png" },
  webp: { kind: "photo", mime: "image/webp", ext: "webp" },
  /** HEIC/HEIF and AVIF are decoded and re-encoded as JPEG (see the files package). */
  heic: { kind: "photo", mime: "image/heic", ext: "heic" },
  avif: { kind: "photo", mime: "image/avif", ext: "avif" },
  pdf: { kind: "document", mime: "application/pdf", ext: "pdf" },
  webm: { kind: "audio", mime: "audio/webm", ext: "webm" },
  ogg: { kind: "audio", mime: "audio/ogg", ext: "ogg" },
  mp4: { kind: "audio", mime: "audio/mp4", ext: "m4a" },
  mpeg: { kind: "audio", mime: "audio/mpeg", ext: "mp3" },
  wav: { kind: "audio", mime: "audio/wav", ext: "wav" },
  amr: { kind: "audio", mime: "audio/amr", ext: "amr" },
} as const satisfies Record<string, AcceptedType>;

/** For a file input's `accept` attribute (a hint to the browser only; the server sniffs). */
export const ACCEPT_ATTRIBUTE = [...new Set(Object.values(ACCEPTED_TYPES).map((t) => t.mime))].join(",");

/** Browsers show these in place; everything else downloads. */
export function dispositionOf(kind: AttachmentKind): "inline" | "attachment" {
  return kind === "document" ? "attachment" : "inline";
}

interface Attachable {
  kind: MessageKind;
  unitId: string | null;
}

const INTAKE_ROLES: CityRole[] = ["operator", "supervisor", "city_admin"];

/**
 * Who may attach a file to a message they can see. Proof of work: whoever may
 * resolve the message. The citizen's files: intake roles, or staff of the
 * unit holding the message; for a corruption report, its inspectors.
 */
export function canAddAttachment(v: Viewer, r: Attachable, purpose: AttachmentPurpose): boolean {
  if (!canSeeRequest(v, r)) return false;
  if (purpose === "proof") return canActOnRequest(v, r, "resolve");
  if (r.kind === "corruption_report") return v.roles.includes("inspector");
  if (v.roles.some((role) => INTAKE_ROLES.includes(role))) return true;
  return v.roles.includes("unit_staff") && r.unitId !== null && v.unitIds.includes(r.unitId);
}

/** Removing an attachment: supervisors and the city's IT, on messages they can see. */
export function canRemoveAttachment(v: Viewer, r: Attachable): boolean {
  return canSeeRequest(v, r) && (v.roles.includes("supervisor") || v.roles.includes("city_admin"));
}

const NAME_MAX = 120;
// C0/C1 controls, bidi embeddings/overrides/isolates (they can disguise "gpj.exe" as "exe.jpg"),
// zero-width no-break space, and characters that are unsafe in file names on common systems.
// ZWNJ (U+200C) stays: Persian spelling needs it.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/gu;

/**
 * The name shown and offered on download: no path, no control or direction
 * characters, bounded length, and the extension of the detected type (the
 * name never decides the type; a PNG sent as "x.pdf" becomes "x.png").
 */
export function sanitiseFileName(raw: string | null | undefined, ext: string): string {
  const lastSegment = (raw ?? "").split(/[\\/]/).pop() ?? "";
  let base = lastSegment.normalize("NFC").replace(UNSAFE, "").replace(/\s+/g, " ").trim();
  const dot = base.lastIndexOf(".");
  if (dot > 0) base = base.slice(0, dot);
  base = base.replace(/^[.\s]+|[.\s]+$/g, "");
  if ([...base].length > NAME_MAX) base = [...base].slice(0, NAME_MAX).join("").trim();
  return `${base || "attachment"}.${ext}`;
}
