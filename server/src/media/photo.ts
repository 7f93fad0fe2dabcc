import exifr from 'exifr';
import sharp from 'sharp';
import { inspectUpload, tooManyPixelsError, unsupportedTypeError } from './inspect.js';
import { MediaError, corruptMediaError, type MediaLimits } from './media-types.js';

export const PUBLIC_MAX_EDGE = 1600;
export const THUMBNAIL_EDGE = 320;

export interface CaptureInfo {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
}

export interface ProcessedPhoto {
  /** Re-encoded JPEG with no EXIF/XMP/IPTC/ICC/comments; safe for officers and the public. */
  publicImage: Buffer;
  publicMime: 'image/jpeg';
  /** THUMBNAIL_EDGE square JPEG, centre cover crop, no metadata. */
  thumbnail: Buffer;
  thumbnailMime: 'image/jpeg';
  /** Dimensions of publicImage (after auto-rotation and resizing). */
  width: number;
  height: number;
  /** Read from the original for evidence checks; never publish it. */
  capture: CaptureInfo;
}

export async function processPhoto(buf: Buffer, limits: MediaLimits): Promise<ProcessedPhoto> {
  const { kind } = await inspectUpload(buf, limits);
  if (kind !== 'photo') throw unsupportedTypeError();

  // autoOrient bakes the EXIF orientation into the pixels, so dropping the tag does not turn the picture.
  // sharp writes no metadata unless keepExif/withMetadata/keepIccProfile is called, and none is.
  const decode = () =>
    sharp(buf, { failOn: 'error', limitInputPixels: limits.maxPixels })
      .autoOrient()
      .flatten({ background: '#ffffff' });

  try {
    const [publicImage, thumbnail, capture] = await Promise.all([
      decode()
        .resize(PUBLIC_MAX_EDGE, PUBLIC_MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer({ resolveWithObject: true }),
      decode()
        .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'cover', position: 'centre' })
        .jpeg({ quality: 75, mozjpeg: true })
        .toBuffer(),
      readCapture(buf),
    ]);
    return {
      publicImage: publicImage.data,
      publicMime: 'image/jpeg',
      thumbnail,
      thumbnailMime: 'image/jpeg',
      width: publicImage.info.width,
      height: publicImage.info.height,
      capture,
    };
  } catch (err) {
    if (err instanceof MediaError) throw err;
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw tooManyPixelsError(limits);
    throw corruptMediaError(err);
  }
}

const EMPTY: CaptureInfo = { takenAt: null, lat: null, lng: null };

/** When and where the camera says a photo was taken, from EXIF. Never throws; unknown → null. */
export async function readCapture(buf: Buffer): Promise<CaptureInfo> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(buf, {
      reviveValues: false,
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    });
  } catch {
    return EMPTY;
  }
  if (!tags) return EMPTY;
  const { lat, lng } = parseGps(tags['latitude'], tags['longitude']);
  return { takenAt: parseExifDate(tags['DateTimeOriginal'], tags['OffsetTimeOriginal']), lat, lng };
}

function parseGps(lat: unknown, lng: unknown): { lat: number | null; lng: number | null } {
  if (typeof lat !== 'number' || typeof lng !== 'number') return { lat: null, lng: null };
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return { lat: null, lng: null };
  }
  // Some phones write 0/0 when they have no fix.
  if (lat === 0 && lng === 0) return { lat: null, lng: null };
  return { lat, lng };
}

/**
 * EXIF dates are wall-clock time without a zone. OffsetTimeOriginal (EXIF 2.31) gives the zone when the
 * camera wrote it; otherwise the server's local zone is assumed, so run the server with TZ set to the city's.
 */
export function parseExifDate(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;

  const off = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  let date: Date;
  if (off) {
    const minutes = (Number(off[2]) * 60 + Number(off[3])) * (off[1] === '-' ? -1 : 1);
    date = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000);
  } else {
    date = new Date(y, mo - 1, d, h, mi, s);
  }
  return Number.isNaN(date.getTime()) ? null : date;
}
