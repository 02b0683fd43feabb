/** Fixtures for tests, made on the fly (no binary files in the repository). */
import sharp from "sharp";

/** A JPEG from a phone: EXIF with camera make/model and GPS position, rotated by its orientation tag. */
export async function phoneJpeg(opts: { width?: number; height?: number; orientation?: number } = {}): Promise<Uint8Array> {
  const buf = await sharp({ create: { width: opts.width ?? 200, height: opts.height ?? 100, channels: 3, background: "#c33" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestCam", Model: "Pocket 137" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 41/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "51/1 23/1 0/1" },
    })
    .withMetadata({ orientation: opts.orientation ?? 1 })
    .toBuffer();
  return new Uint8Array(buf);
}

export async function png(width = 40, height = 30): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 4, background: "#2a6" } }).png({ compressionLevel: 1 }).toBuffer());
}

/**
 * The tag ids of an EXIF block's first directory (IFD0), e.g. 0x010f Make,
 * 0x0110 Model, 0x0112 Orientation, 0x8825 GPS pointer. Empty for no EXIF.
 */
export function exifTags(exif: Uint8Array | undefined): number[] {
  if (!exif || exif.length < 14) return [];
  const tiff = exif[0] === 0x45 ? 6 : 0; // "Exif\0\0"
  const le = exif[tiff] === 0x49;
  const view = new DataView(exif.buffer, exif.byteOffset, exif.byteLength);
  const ifd0 = tiff + view.getUint32(tiff + 4, le);
  const count = view.getUint16(ifd0, le);
  return Array.from({ length: count }, (_, i) => view.getUint16(ifd0 + 2 + i * 12, le));
}

export const EXIF_GPS_POINTER = 0x8825;
export const EXIF_MAKE = 0x010f;

/** What sharp reads back from an encoded image. */
export async function imageInfo(bytes: Uint8Array) {
  const m = await sharp(bytes).metadata();
  return { format: m.format, width: m.width, height: m.height, orientation: m.orientation, exif: m.exif, xmp: m.xmp, icc: m.icc };
}
