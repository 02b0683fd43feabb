import sharp from "sharp";
import { AppError, MAX_PHOTO_EDGE, MAX_PHOTO_INPUT_PIXELS, ACCEPTED_TYPES, type AcceptedType } from "@city137/core";

export interface ReencodedPhoto extends AcceptedType {
  bytes: Uint8Array;
  width: number;
  height: number;
}

// Decoded pixels are cached per process by default; uploads are one-offs.
sharp.cache(false);

/**
 * Decodes a photo and writes it anew: the orientation is applied to the
 * pixels, the long side bounded to MAX_PHOTO_EDGE, and nothing of the
 * original's metadata is carried over (EXIF with GPS and camera, XMP, IPTC,
 * comments); colours are converted to sRGB. JPEG, PNG and WebP keep their
 * format; HEIC/HEIF and AVIF become JPEG.
 */
export async function reencodePhoto(input: Uint8Array, type: AcceptedType): Promise<ReencodedPhoto> {
  const out =
    type.mime === "image/png" ? ACCEPTED_TYPES.png : type.mime === "image/webp" ? ACCEPTED_TYPES.webp : ACCEPTED_TYPES.jpeg;
  try {
    let pipeline = sharp(input, { limitInputPixels: MAX_PHOTO_INPUT_PIXELS, failOn: "error" })
      .autoOrient()
      .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: "inside", withoutEnlargement: true });
    if (out === ACCEPTED_TYPES.png) pipeline = pipeline.png({ compressionLevel: 8 });
    else if (out === ACCEPTED_TYPES.webp) pipeline = pipeline.webp({ quality: 85 });
    else pipeline = pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { ...out, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) throw new AppError("BAD_REQUEST", "errors.attachment.tooManyPixels", { field: "file", cause: err });
    if (type.mime === "image/heic") throw new AppError("BAD_REQUEST", "errors.attachment.heicUnsupported", { field: "file", cause: err });
    throw new AppError("BAD_REQUEST", "errors.attachment.unreadableImage", { field: "file", cause: err });
  }
}
