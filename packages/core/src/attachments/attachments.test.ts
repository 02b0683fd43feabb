import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import {
  ACCEPT_ATTRIBUTE,
  MAX_AUDIO_BYTES,
  MAX_DOCUMENT_BYTES,
  MAX_PHOTO_BYTES,
  canAddAttachment,
  canRemoveAttachment,
  detectType,
  inspectFile,
  sanitiseFileName,
} from "./index";

const bytes = (...parts: Array<string | number[] | Uint8Array>) => {
  const chunks = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const box = (type: string, ...body: Array<string | number[] | Uint8Array>) => {
  const inner = bytes(...body);
  return bytes(u32(8 + inner.length), type, inner);
};
const padded = (head: Uint8Array, size: number) => {
  const out = new Uint8Array(size);
  out.set(head);
  return out;
};

// Minimal, structurally plausible headers of each format.
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32(13), "IHDR", u32(1), u32(1), [8, 6, 0, 0, 0], u32(0));
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]);
const WEBP = bytes("RIFF", [26, 0, 0, 0], "WEBPVP8 ", new Uint8Array(18));
const PDF = bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const EXE = padded(bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), 512);
const HEIC = bytes(box("ftyp", "heic", u32(0), "mif1heic"), box("meta", u32(0)));
const WAV = bytes("RIFF", [36, 0, 0, 0], "WAVEfmt ", [16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0], "data", u32(0));
const AMR = bytes("#!AMR\n", new Uint8Array(32));
const MP3 = bytes("ID3", [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], new Uint8Array(413));
const OPUS = bytes("OggS", [0, 2], new Uint8Array(20), [1, 19], "OpusHead", [1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0]);
const ebml = (...codecs: string[]) =>
  bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84],
    "webm",
    [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    [0x16, 0x54, 0xae, 0x6b, 0x80 | (codecs.length * 10)],
    ...codecs.flatMap((c) => [[0xae, 0x80 | (c.length + 2)], [0x86, 0x80 | c.length], c]),
    [0x1f, 0x43, 0xb6, 0x75, 0x88],
    // cluster data that happens to look like a video codec id must not matter
    [0x86, 0x85],
    "V_VP8",
  );
const mp4 = (brand: string, ...handlers: string[]) =>
  bytes(
    box("ftyp", brand, u32(0), `${brand}mp41`),
    box("moov", ...handlers.map((h) => box("trak", box("mdia", box("hdlr", u32(0), u32(0), h, u32(0), u32(0), u32(0), [0]))))),
  );

const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, key: err.messageKey, field: err.field, params: err.params };
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("type detection from content", () => {
  it.each([
    ["PNG", PNG, "photo", "image/png"],
    ["JPEG", JPEG, "photo", "image/jpeg"],
    ["WebP", WEBP, "photo", "image/webp"],
    ["HEIC", HEIC, "photo", "image/heic"],
    ["PDF", PDF, "document", "application/pdf"],
    ["Ogg Opus (Firefox MediaRecorder)", OPUS, "audio", "audio/ogg"],
    ["WebM Opus (Chrome MediaRecorder)", ebml("A_OPUS"), "audio", "audio/webm"],
    ["MP4 audio (Safari MediaRecorder)", mp4("isom", "soun"), "audio", "audio/mp4"],
    ["M4A", mp4("M4A ", "soun"), "audio", "audio/mp4"],
    ["MP3", MP3, "audio", "audio/mpeg"],
    ["WAV", WAV, "audio", "audio/wav"],
    ["AMR", AMR, "audio", "audio/amr"],
  ])("%s is accepted as %s (%s)", async (_name, file, kind, mime) => {
    expect(await detectType(file)).toMatchObject({ kind, mime });
  });

  it.each([
    ["a Windows executable", EXE],
    ["a WebM with a video track", ebml("A_OPUS", "V_VP8")],
    ["an MP4 video", mp4("isom", "vide", "soun")],
    ["plain text", bytes("hello, this is not a photo")],
    ["a ZIP archive", bytes("PK", [3, 4, 20, 0, 0, 0, 8, 0], new Uint8Array(40))],
  ])("%s is refused", async (_name, file) => {
    expect(await detectType(file)).toBeNull();
  });

  it("the name never decides: a PNG named .pdf is a PNG, an .exe named .jpg is refused", async () => {
    expect(await inspectFile(PNG, "report.pdf")).toMatchObject({ kind: "photo", mime: "image/png", originalName: "report.png" });
    expect(await keyOf(inspectFile(EXE, "photo.jpg"))).toEqual({ code: "BAD_REQUEST", key: "errors.attachment.unsupportedType", field: "file", params: undefined });
  });

  it("refuses an empty file, and each kind past its own limit", async () => {
    expect(await keyOf(inspectFile(new Uint8Array(0), "x.jpg"))).toMatchObject({ key: "errors.attachment.empty", field: "file" });
    expect(await keyOf(inspectFile(padded(PNG, MAX_PHOTO_BYTES + 1), "x.png"))).toMatchObject({ key: "errors.attachment.tooLarge", params: { maxMb: 10 } });
    expect(await keyOf(inspectFile(padded(PDF, MAX_DOCUMENT_BYTES + 1), "x.pdf"))).toMatchObject({ key: "errors.attachment.tooLarge", params: { maxMb: 15 } });
    expect(await keyOf(inspectFile(padded(WAV, MAX_AUDIO_BYTES + 1), "x.wav"))).toMatchObject({ key: "errors.attachment.tooLarge", params: { maxMb: 10 } });
    // controls: exactly at the limit is accepted
    expect(await inspectFile(padded(PNG, MAX_PHOTO_BYTES), "x.png")).toMatchObject({ sizeBytes: MAX_PHOTO_BYTES });
    expect(await inspectFile(padded(PDF, MAX_DOCUMENT_BYTES), "x.pdf")).toMatchObject({ kind: "document" });
  });

  it("offers the accepted types as a hint for file inputs", () => {
    expect(ACCEPT_ATTRIBUTE).toContain("image/jpeg");
    expect(ACCEPT_ATTRIBUTE).toContain("audio/webm");
    expect(ACCEPT_ATTRIBUTE).not.toContain("video/");
  });
});

describe("file names", () => {
  it("keeps Persian names, drops paths, control and direction characters, and takes the detected extension", () => {
    expect(sanitiseFileName("عکس کوچه.jpeg", "jpg")).toBe("عکس کوچه.jpg");
    expect(sanitiseFileName("نامه‌ی شهروند.pdf", "pdf")).toBe("نامه‌ی شهروند.pdf"); // ZWNJ stays
    expect(sanitiseFileName("../../etc/passwd", "png")).toBe("passwd.png");
    expect(sanitiseFileName("C:\\Users\\a\\evil.jpg", "png")).toBe("evil.png");
    expect(sanitiseFileName("photo\u202Egpj.exe", "jpg")).toBe("photogpj.jpg");
    expect(sanitiseFileName("a\u0000b\r\n.jpg", "jpg")).toBe("ab.jpg");
    expect(sanitiseFileName('x"<>|?*:.jpg', "jpg")).toBe("x.jpg");
    expect(sanitiseFileName("", "pdf")).toBe("attachment.pdf");
    expect(sanitiseFileName(undefined, "pdf")).toBe("attachment.pdf");
    expect(sanitiseFileName("...", "pdf")).toBe("attachment.pdf");
    expect([...sanitiseFileName("ب".repeat(500), "jpg")]).toHaveLength(124);
  });
});

describe("who may attach and remove", () => {
  const unit = "u-1";
  const complaint = { kind: "complaint" as const, unitId: unit };
  const corruption = { kind: "corruption_report" as const, unitId: null };
  const who = (roles: string[], unitIds: string[] = []) => ({ roles: roles as never, unitIds });

  it("citizen files: intake roles and the unit holding the message", () => {
    for (const r of ["operator", "supervisor", "city_admin"]) expect(canAddAttachment(who([r]), complaint, "citizen"), r).toBe(true);
    expect(canAddAttachment(who(["unit_staff"], [unit]), complaint, "citizen")).toBe(true);
    expect(canAddAttachment(who(["unit_staff"], ["other"]), complaint, "citizen")).toBe(false);
    expect(canAddAttachment(who(["manager"]), complaint, "citizen")).toBe(false);
    expect(canAddAttachment(who(["inspector"]), complaint, "citizen")).toBe(false);
  });

  it("proof of work: only those who may resolve", () => {
    expect(canAddAttachment(who(["unit_staff"], [unit]), complaint, "proof")).toBe(true);
    expect(canAddAttachment(who(["supervisor"]), complaint, "proof")).toBe(true);
    expect(canAddAttachment(who(["operator"]), complaint, "proof")).toBe(false);
    expect(canAddAttachment(who(["manager"]), complaint, "proof")).toBe(false);
  });

  it("corruption reports: inspectors only", () => {
    expect(canAddAttachment(who(["inspector"]), corruption, "citizen")).toBe(true);
    expect(canAddAttachment(who(["inspector"]), corruption, "proof")).toBe(true);
    expect(canAddAttachment(who(["supervisor"]), corruption, "citizen")).toBe(false);
  });

  it("removing: supervisors and city admins, on what they can see", () => {
    expect(canRemoveAttachment(who(["supervisor"]), complaint)).toBe(true);
    expect(canRemoveAttachment(who(["city_admin"]), complaint)).toBe(true);
    expect(canRemoveAttachment(who(["operator"]), complaint)).toBe(false);
    expect(canRemoveAttachment(who(["unit_staff"], [unit]), complaint)).toBe(false);
    expect(canRemoveAttachment(who(["supervisor"]), corruption)).toBe(false);
  });
});
