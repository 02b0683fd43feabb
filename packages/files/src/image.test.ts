import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError, MAX_PHOTO_EDGE } from "@city137/core";
import { prepareFile } from "./prepare";
import { EXIF_GPS_POINTER, EXIF_MAKE, exifTags, imageInfo, phoneJpeg, png } from "./testing";

const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { key: err.messageKey, field: err.field };
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("photo re-encoding", () => {
  it("strips EXIF (GPS position, camera) from a phone JPEG", async () => {
    const original = await phoneJpeg();
    const before = await imageInfo(original);
    // the fixture really carries what must go (positive control)
    expect(exifTags(before.exif)).toEqual(expect.arrayContaining([EXIF_GPS_POINTER, EXIF_MAKE]));
    expect(Buffer.from(before.exif!).toString("latin1")).toContain("TestCam");

    const out = await prepareFile(original, "IMG_0001.JPG");
    const after = await imageInfo(out.bytes);
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(Buffer.from(out.bytes).toString("latin1")).not.toContain("TestCam");
    expect(out).toMatchObject({ kind: "photo", mime: "image/jpeg", originalName: "IMG_0001.jpg", width: 200, height: 100, sizeBytes: out.bytes.byteLength });
  });

  it("applies the orientation to the pixels and drops the tag", async () => {
    const rotated = await phoneJpeg({ width: 200, height: 100, orientation: 6 });
    expect((await imageInfo(rotated)).orientation).toBe(6);
    const out = await prepareFile(rotated, "rotated.jpg");
    const after = await imageInfo(out.bytes);
    expect([after.width, after.height, after.orientation]).toEqual([100, 200, undefined]);
    expect([out.width, out.height]).toEqual([100, 200]);
  });

  it("bounds the long side, never enlarges, and keeps PNG as PNG", async () => {
    const big = new Uint8Array(await sharp({ create: { width: 4000, height: 1000, channels: 3, background: "#123" } }).jpeg().toBuffer());
    const out = await prepareFile(big, "wide.jpg");
    expect([out.width, out.height]).toEqual([MAX_PHOTO_EDGE, 640]);
    const small = await prepareFile(await png(40, 30), "screenshot.png");
    expect(small).toMatchObject({ mime: "image/png", width: 40, height: 30 });
    expect((await imageInfo(small.bytes)).format).toBe("png");
  });

  it("a PNG named .pdf is handled as the PNG it is", async () => {
    expect(await prepareFile(await png(), "invoice.pdf")).toMatchObject({ kind: "photo", mime: "image/png", originalName: "invoice.png" });
  });

  it("refuses a damaged photo, a pixel bomb and (without an HEVC decoder) HEIC, each with its key", async () => {
    const damaged = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xde, 0xad, 0xbe, 0xef]);
    expect(await keyOf(prepareFile(damaged, "x.jpg"))).toEqual({ key: "errors.attachment.unreadableImage", field: "file" });
    const bomb = new Uint8Array(await sharp({ create: { width: 9000, height: 9000, channels: 3, background: "#fff" } }).jpeg({ quality: 10 }).toBuffer());
    expect(await keyOf(prepareFile(bomb, "x.jpg"))).toEqual({ key: "errors.attachment.tooManyPixels", field: "file" });
    const ftyp = (brand: string) => Uint8Array.from([0, 0, 0, 24, ...new TextEncoder().encode(`ftyp${brand}`), 0, 0, 0, 0, ...new TextEncoder().encode(`mif1${brand}`), 0, 0, 0, 8, 0x6d, 0x65, 0x74, 0x61]);
    expect(await keyOf(prepareFile(ftyp("heic"), "IMG_1.HEIC"))).toEqual({ key: "errors.attachment.heicUnsupported", field: "file" });
  });

  it("keeps documents and recordings byte for byte", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    const out = await prepareFile(pdf, "نامه.pdf");
    expect(out).toMatchObject({ kind: "document", mime: "application/pdf", originalName: "نامه.pdf", width: null, height: null });
    expect(Buffer.from(out.bytes).equals(Buffer.from(pdf))).toBe(true);
  });
});
