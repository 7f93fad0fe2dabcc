import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import {
  MediaError,
  corruptMediaError,
  formatMegabytes,
  type MediaKind,
  type MediaLimits,
} from './media-types.js';

export interface InspectedUpload {
  kind: MediaKind;
  mime: string;
  ext: string;
}

const PHOTO_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const HEIC_MIMES = new Set(['image/heic', 'image/heif']);
const VIDEO_MIMES = new Set(['video/mp4', 'video/quicktime', 'video/webm', 'video/3gpp']);

/**
 * sharp's prebuilt libvips ships libheif with the AV1 decoder only (HEVC is patent-encumbered), and then
 * lists just `.avif` as a heif input suffix. A libvips built with libde265 also lists `.heic`.
 */
export const HEIC_DECODABLE: boolean = sharp.format.heif?.input.fileSuffix?.includes('.heic') ?? false;

/** Decides what an upload is from its bytes alone; the client's file name and MIME type are never trusted. */
export async function inspectUpload(buf: Buffer, limits: MediaLimits): Promise<InspectedUpload> {
  return classify(await fileTypeFromBuffer(buf), buf.length, limits, buf);
}

/** The same for a file on disk (a streamed upload): only its first bytes and, for a photo, its header are read. */
export async function inspectUploadFile(
  path: string,
  bytes: number,
  limits: MediaLimits,
): Promise<InspectedUpload> {
  return classify(await fileTypeFromFile(path), bytes, limits, path);
}

async function classify(
  detected: { mime: string; ext: string } | undefined,
  bytes: number,
  limits: MediaLimits,
  source: Buffer | string,
): Promise<InspectedUpload> {
  if (!detected) throw unsupportedTypeError();
  const { mime, ext } = detected;

  if (VIDEO_MIMES.has(mime)) {
    assertMaxBytes(bytes, limits.maxVideoBytes, 'video');
    return { kind: 'video', mime, ext };
  }
  if (HEIC_MIMES.has(mime) && !HEIC_DECODABLE) {
    throw new MediaError(
      'unsupported_type',
      'Foto HEIC belum didukung. Ubah format kamera ke "Paling Kompatibel" (JPEG) atau kirim ulang foto sebagai JPEG.',
      'HEIC photos are not supported yet. Set the camera format to "Most Compatible" (JPEG) or resend the photo as JPEG.',
    );
  }
  if (PHOTO_MIMES.has(mime) || HEIC_MIMES.has(mime)) {
    assertMaxBytes(bytes, limits.maxPhotoBytes, 'photo');
    await assertReadableImageHeader(source, limits);
    return { kind: 'photo', mime, ext };
  }
  throw unsupportedTypeError();
}

export function unsupportedTypeError(): MediaError {
  return new MediaError(
    'unsupported_type',
    'Jenis berkas tidak didukung. Kirim foto (JPEG, PNG, WebP) atau video (MP4, MOV, WebM, 3GP).',
    'Unsupported file type. Send a photo (JPEG, PNG, WebP) or a video (MP4, MOV, WebM, 3GP).',
  );
}

function assertMaxBytes(bytes: number, max: number, kind: MediaKind): void {
  if (bytes <= max) return;
  const size = formatMegabytes(max);
  if (kind === 'photo') {
    throw new MediaError(
      'too_large',
      `Foto terlalu besar (maks. ${size}).`,
      `Photo is too large (max ${size}).`,
    );
  }
  throw new MediaError(
    'too_large',
    `Video terlalu besar (maks. ${size}).`,
    `Video is too large (max ${size}).`,
  );
}

// Only the header is parsed here (cheap); the full decode happens in processPhoto.
async function assertReadableImageHeader(source: Buffer | string, limits: MediaLimits): Promise<void> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(source, { failOn: 'error', limitInputPixels: false }).metadata());
  } catch (err) {
    throw corruptMediaError(err);
  }
  if (!width || !height) throw corruptMediaError();
  if (width * height > limits.maxPixels) throw tooManyPixelsError(limits);
}

export function tooManyPixelsError(limits: MediaLimits): MediaError {
  const mp = Math.round(limits.maxPixels / 100_000) / 10;
  return new MediaError(
    'too_large',
    `Resolusi foto terlalu besar (maks. ${mp} megapiksel).`,
    `Photo resolution is too high (max ${mp} megapixels).`,
  );
}
