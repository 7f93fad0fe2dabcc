import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../../src/media/media-types.js';
import { parseExifDate, processPhoto, type ProcessedPhoto } from '../../../src/media/photo.js';
import { LIMITS, SECRETS, halvesRaw, jpegWithEverything, plainJpeg } from './fixtures.js';

let original: Buffer;
let processed: ProcessedPhoto;

beforeAll(async () => {
  original = await jpegWithEverything();
  processed = await processPhoto(original, LIMITS);
});

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + 3)];
}

describe('processPhoto: metadata', () => {
  it('the fixture really carries GPS, serial, XMP, IPTC, ICC and a comment', async () => {
    expect(await exifr.gps(original)).toEqual({ latitude: -6.2, longitude: 106.825 });
    const tags = await exifr.parse(original, { xmp: true, iptc: true, icc: true });
    expect(tags).toMatchObject({ Make: SECRETS.make, SerialNumber: SECRETS.serial, City: SECRETS.iptc });
    const meta = await sharp(original).metadata();
    expect(meta).toMatchObject({ orientation: 6, width: 80, height: 40 });
    expect(meta.exif && meta.xmp && meta.iptc && meta.icc).toBeTruthy();
    // sharp does not report JPEG COM segments; the byte checks below cover them.
    expect(original.toString('latin1')).toContain(SECRETS.comment);
  });

  it('the public image and thumbnail carry no metadata at all', async () => {
    for (const out of [processed.publicImage, processed.thumbnail]) {
      expect(await exifr.parse(out, true)).toBeUndefined();
      expect(await exifr.gps(out)).toBeUndefined();
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      const bytes = out.toString('latin1');
      for (const secret of Object.values(SECRETS)) expect(bytes).not.toContain(secret);
      expect(bytes).not.toContain('Exif\0\0');
      expect(bytes).not.toContain('http://ns.adobe.com/xap/1.0/');
      expect(bytes).not.toContain('Photoshop 3.0');
    }
    expect(processed.publicMime).toBe('image/jpeg');
    expect(processed.thumbnailMime).toBe('image/jpeg');
  });

  it('keeps capture time and GPS from the original, for evidence checks only', () => {
    expect(processed.capture).toEqual({
      takenAt: new Date('2024-05-01T03:20:30.000Z'),
      lat: -6.2,
      lng: 106.825,
    });
  });

  it('capture is all null when the original has no EXIF', async () => {
    const result = await processPhoto(await plainJpeg(50, 50), LIMITS);
    expect(result.capture).toEqual({ takenAt: null, lat: null, lng: null });
  });
});

describe('processPhoto: geometry', () => {
  it('applies EXIF orientation to the pixels before stripping it (80×40, orientation 6 → 40×80)', async () => {
    expect([processed.width, processed.height]).toEqual([40, 80]);
    const meta = await sharp(processed.publicImage).metadata();
    expect([meta.width, meta.height]).toEqual([40, 80]);
    // The left (red) half of the stored pixels is the top once rotated 90° clockwise.
    const [r1, , b1] = await pixel(processed.publicImage, 20, 10);
    const [r2, , b2] = await pixel(processed.publicImage, 20, 70);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
  });

  it('fits large photos within 1600×1600 and never enlarges small ones', async () => {
    const big = await processPhoto(await plainJpeg(3200, 1200), LIMITS);
    expect([big.width, big.height]).toEqual([1600, 600]);
    const small = await processPhoto(await plainJpeg(300, 200), LIMITS);
    expect([small.width, small.height]).toEqual([300, 200]);
  });

  it('makes a 320×320 cover-cropped thumbnail, also from small and wide images', async () => {
    for (const input of [original, await plainJpeg(3200, 1200), await plainJpeg(100, 30)]) {
      const { thumbnail } = await processPhoto(input, LIMITS);
      const meta = await sharp(thumbnail).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 320]);
    }
  });

  it('flattens transparency onto white and re-encodes PNG/WebP input as JPEG', async () => {
    const transparent = await sharp({
      create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const result = await processPhoto(transparent, LIMITS);
    expect((await sharp(result.publicImage).metadata()).format).toBe('jpeg');
    expect((await pixel(result.publicImage, 20, 20)).every((c) => c > 245)).toBe(true);

    const webp = await sharp(await halvesRaw(64, 32))
      .webp()
      .toBuffer();
    expect((await processPhoto(webp, LIMITS)).width).toBe(64);
  });
});

describe('processPhoto: bad input', () => {
  it('corrupt image → MediaError corrupt', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    await expect(processPhoto(fake, LIMITS)).rejects.toMatchObject({ code: 'corrupt', httpStatus: 422 });
    const truncated = (await plainJpeg(400, 400)).subarray(0, 300);
    await expect(processPhoto(truncated, LIMITS)).rejects.toBeInstanceOf(MediaError);
  });

  it('refuses non-photos even when called directly', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(processPhoto(svg, LIMITS)).rejects.toMatchObject({ code: 'unsupported_type' });
  });

  it('enforces maxPixels', async () => {
    await expect(
      processPhoto(await plainJpeg(100, 100), { ...LIMITS, maxPixels: 5000 }),
    ).rejects.toMatchObject({
      code: 'too_large',
    });
  });
});

describe('parseExifDate', () => {
  it('honours OffsetTimeOriginal', () => {
    expect(parseExifDate('2024:05:01 10:20:30', '+07:00')).toEqual(new Date('2024-05-01T03:20:30Z'));
    expect(parseExifDate('2024:05:01 10:20:30', '-03:30')).toEqual(new Date('2024-05-01T13:50:30Z'));
  });

  it('falls back to the server zone without an offset', () => {
    expect(parseExifDate('2024:05:01 10:20:30', undefined)).toEqual(new Date(2024, 4, 1, 10, 20, 30));
  });

  it('rejects empty and impossible values', () => {
    for (const v of [
      '0000:00:00 00:00:00',
      '    :  :     :  :  ',
      '2024:13:01 10:00:00',
      'yesterday',
      42,
      null,
    ]) {
      expect(parseExifDate(v, undefined)).toBeNull();
    }
  });
});
