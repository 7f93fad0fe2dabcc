export interface MediaLimits {
  maxPhotoBytes: number;
  maxVideoBytes: number;
  maxPhotosPerReport: number;
  maxVideosPerReport: number;
  maxVideoSeconds: number;
  /** Width × height of a photo, read from its header before any decoding (a decompression bomb stops there). */
  maxPixels: number;
  /** Every file of one request together, counted while it streams to disk (the request is refused past it). */
  maxUploadBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_MEDIA_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxPhotoBytes: 10 * MB,
  maxVideoBytes: 50 * MB,
  maxPhotosPerReport: 5,
  maxVideosPerReport: 1,
  maxVideoSeconds: 120,
  // 25 MP: every phone's default photo (12 MP; 24 MP on recent iPhones, 5712 × 4284) passes, a 39 MP PNG bomb
  // (a few hundred kilobytes that decode to 117 MB of pixels) does not
  maxPixels: 25_000_000,
  // five photos and one video at their caps
  maxUploadBytes: 5 * 10 * MB + 50 * MB,
});

export type MediaKind = 'photo' | 'video';

export type MediaErrorCode =
  'unsupported_type' | 'too_large' | 'too_many' | 'corrupt' | 'too_long' | 'video_unavailable';

export interface LocalizedMessage {
  id: string;
  en: string;
}

export const MEDIA_ERROR_HTTP_STATUS: Readonly<Record<MediaErrorCode, 413 | 415 | 422>> = Object.freeze({
  unsupported_type: 415,
  too_large: 413,
  too_many: 422,
  corrupt: 422,
  too_long: 422,
  // this server cannot take videos at all (no usable ffmpeg): the media type is what it does not support
  video_unavailable: 415,
});

/** A rejection the uploader can act on; `messageId`/`messageEn` are safe to show to people. */
export class MediaError extends Error {
  readonly code: MediaErrorCode;
  readonly httpStatus: 413 | 415 | 422;
  readonly messageId: string;
  readonly messageEn: string;

  constructor(code: MediaErrorCode, messageId: string, messageEn: string, options?: { cause?: unknown }) {
    super(messageEn, options);
    this.name = 'MediaError';
    this.code = code;
    this.httpStatus = MEDIA_ERROR_HTTP_STATUS[code];
    this.messageId = messageId;
    this.messageEn = messageEn;
  }

  get localized(): LocalizedMessage {
    return { id: this.messageId, en: this.messageEn };
  }
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** Throws `too_many` when one more attachment of `kind` would exceed the per-report limit. */
export function assertCanAttach(
  kind: MediaKind,
  current: { photos: number; videos: number },
  limits: MediaLimits,
): void {
  if (kind === 'photo' && current.photos + 1 > limits.maxPhotosPerReport) {
    throw new MediaError(
      'too_many',
      `Terlalu banyak foto untuk satu laporan (maks. ${limits.maxPhotosPerReport}).`,
      `Too many photos for one report (max ${limits.maxPhotosPerReport}).`,
    );
  }
  if (kind === 'video' && current.videos + 1 > limits.maxVideosPerReport) {
    throw new MediaError(
      'too_many',
      `Terlalu banyak video untuk satu laporan (maks. ${limits.maxVideosPerReport}).`,
      `Too many videos for one report (max ${limits.maxVideosPerReport}).`,
    );
  }
}

export function corruptMediaError(cause?: unknown): MediaError {
  return new MediaError(
    'corrupt',
    'Berkas rusak atau tidak dapat dibaca. Coba ambil ulang foto/video lalu kirim lagi.',
    'The file is damaged or cannot be read. Try taking the photo/video again and resend it.',
    { cause },
  );
}

/**
 * Videos are refused, whole, when the server has no usable ffmpeg: an untrusted video is never stored or served
 * without being transcoded (its metadata, such as the place it was filmed, would go out with it). Photos work.
 */
export function videoUnavailableError(cause?: unknown): MediaError {
  return new MediaError(
    'video_unavailable',
    'Video belum dapat diterima di server ini (ffmpeg tidak terpasang). Kirim foto saja, atau hubungi pengelola.',
    'Videos cannot be accepted on this server (ffmpeg is not installed). Send photos instead, or tell the operator.',
    { cause },
  );
}
