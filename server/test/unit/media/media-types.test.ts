import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_LIMITS, MediaError, assertCanAttach } from '../../../src/media/media-types.js';

describe('media types', () => {
  it('has the agreed defaults', () => {
    expect(DEFAULT_MEDIA_LIMITS).toEqual({
      maxPhotoBytes: 10 * 1024 * 1024,
      maxVideoBytes: 50 * 1024 * 1024,
      maxPhotosPerReport: 5,
      maxVideosPerReport: 1,
      maxVideoSeconds: 120,
      maxPixels: 25_000_000,
      maxUploadBytes: 100 * 1024 * 1024,
    });
  });

  it('maps error codes to HTTP statuses and keeps both languages', () => {
    const status = (code: MediaError['code']) => new MediaError(code, 'id', 'en').httpStatus;
    expect(status('unsupported_type')).toBe(415);
    expect(status('too_large')).toBe(413);
    expect(status('corrupt')).toBe(422);
    expect(status('too_long')).toBe(422);
    expect(status('too_many')).toBe(422);
    const err = new MediaError('corrupt', 'Berkas rusak', 'File damaged');
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('File damaged');
    expect(err.localized).toEqual({ id: 'Berkas rusak', en: 'File damaged' });
  });

  it('assertCanAttach enforces per-report counts', () => {
    const limits = DEFAULT_MEDIA_LIMITS;
    expect(() => assertCanAttach('photo', { photos: 4, videos: 1 }, limits)).not.toThrow();
    expect(() => assertCanAttach('photo', { photos: 5, videos: 0 }, limits)).toThrow(
      expect.objectContaining({ code: 'too_many', httpStatus: 422 }),
    );
    expect(() => assertCanAttach('video', { photos: 0, videos: 0 }, limits)).not.toThrow();
    expect(() => assertCanAttach('video', { photos: 0, videos: 1 }, limits)).toThrow(MediaError);
  });
});
