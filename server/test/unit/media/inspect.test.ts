import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEIC_DECODABLE, inspectUpload } from '../../../src/media/inspect.js';
import { MediaError } from '../../../src/media/media-types.js';
import { HAVE_FFMPEG, LIMITS, NO_FFMPEG_REASON, ffmpeg, plainJpeg, testVideoArgs } from './fixtures.js';

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  return err as MediaError;
}

const solid = (format: 'png' | 'webp' | 'gif' | 'tiff' | 'avif') =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: '#c33' } })
    .toFormat(format)
    .toBuffer();

let dir: string;
let mp4: Buffer;
let mkv: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-inspect-'));
  if (!HAVE_FFMPEG) return; // the tests that need these videos are skipped
  await ffmpeg([...testVideoArgs({ seconds: 1 }), join(dir, 'v.mp4')]);
  await ffmpeg([...testVideoArgs({ seconds: 1 }), '-f', 'matroska', join(dir, 'v.mkv')]);
  mp4 = await readFile(join(dir, 'v.mp4'));
  mkv = await readFile(join(dir, 'v.mkv'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('inspectUpload: decides by content', () => {
  it('recognises each accepted photo format', async () => {
    expect(await inspectUpload(await plainJpeg(32, 16), LIMITS)).toEqual({
      kind: 'photo',
      mime: 'image/jpeg',
      ext: 'jpg',
    });
    expect(await inspectUpload(await solid('png'), LIMITS)).toMatchObject({
      kind: 'photo',
      mime: 'image/png',
    });
    expect(await inspectUpload(await solid('webp'), LIMITS)).toMatchObject({
      kind: 'photo',
      mime: 'image/webp',
    });
  });

  it.skipIf(!HAVE_FFMPEG)(
    `ignores what the client claims: a PNG "named" photo.jpg is a PNG, an MP4 "named" photo.jpg is a video${NO_FFMPEG_REASON}`,
    async () => {
      // inspectUpload has no name/mime parameter on purpose; only the bytes count.
      const upload = { name: 'photo.jpg', declaredMime: 'image/jpeg', data: await solid('png') };
      expect(await inspectUpload(upload.data, LIMITS)).toMatchObject({ mime: 'image/png', ext: 'png' });
      expect(await inspectUpload(mp4, LIMITS)).toEqual({ kind: 'video', mime: 'video/mp4', ext: 'mp4' });
    },
  );

  it.skipIf(!HAVE_FFMPEG)(`recognises mov, webm and 3gp by their headers${NO_FFMPEG_REASON}`, async () => {
    await ffmpeg([...testVideoArgs({ seconds: 1 }), join(dir, 'v.mov')]);
    await ffmpeg([...testVideoArgs({ seconds: 1, size: '176x144' }), '-f', '3gp', join(dir, 'v.3gp')]);
    await ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10'],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', join(dir, 'v.webm')],
    ]);
    const mime = async (f: string) => (await inspectUpload(await readFile(join(dir, f)), LIMITS)).mime;
    expect(await mime('v.mov')).toBe('video/quicktime');
    expect(await mime('v.3gp')).toBe('video/3gpp');
    expect(await mime('v.webm')).toBe('video/webm');
  });
});

describe('inspectUpload: rejects everything else', () => {
  const text = (s: string) => Buffer.from(s, 'utf8');
  const cases: Array<[string, () => Promise<Buffer> | Buffer]> = [
    ['pdf', () => text('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')],
    ['svg', () => text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['html', () => text('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>')],
    [
      'exe',
      () =>
        Buffer.concat([
          text('MZ'),
          Buffer.alloc(0x3c - 2),
          Buffer.from([0x80, 0, 0, 0]),
          Buffer.alloc(0x40),
          text('PE\0\0'),
          Buffer.alloc(64),
        ]),
    ],
    ['plain text', () => text('just some words, nothing to see here\n'.repeat(20))],
    ['empty', () => Buffer.alloc(0)],
    ['gif', () => solid('gif')],
    ['tiff', () => solid('tiff')],
    ['avif', () => solid('avif')],
    ['zip', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])],
    ...(HAVE_FFMPEG ? [['matroska (not webm)', () => mkv] as [string, () => Buffer]] : []),
  ];
  it.each(cases)('%s → unsupported_type (415)', async (_name, make) => {
    const err = await rejection(inspectUpload(await make(), LIMITS));
    expect(err.code).toBe('unsupported_type');
    expect(err.httpStatus).toBe(415);
    expect(err.messageId).toMatch(/tidak didukung/);
    expect(err.messageEn).toMatch(/Unsupported file type/);
  });

  it.skipIf(HEIC_DECODABLE)(
    'HEIC → unsupported_type with a HEIC-specific message (this sharp build cannot decode HEVC)',
    async () => {
      const ftyp = Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      ]);
      const heic = Buffer.concat([ftyp, Buffer.alloc(200)]);
      const err = await rejection(inspectUpload(heic, LIMITS));
      expect(err.code).toBe('unsupported_type');
      expect(err.messageId).toMatch(/HEIC/);
      expect(err.messageEn).toMatch(/HEIC/);
    },
  );

  it('a JPEG signature glued onto garbage → corrupt (422)', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 0x5a)]);
    const err = await rejection(inspectUpload(fake, LIMITS));
    expect(err.code).toBe('corrupt');
    expect(err.httpStatus).toBe(422);
  });

  it('a truncated PNG → corrupt', async () => {
    const png = await solid('png');
    expect((await rejection(inspectUpload(png.subarray(0, 40), LIMITS))).code).toBe('corrupt');
  });
});

describe('inspectUpload: size limits by kind', () => {
  it.skipIf(!HAVE_FFMPEG)(
    `applies the photo limit to photos and the video limit to videos${NO_FFMPEG_REASON}`,
    async () => {
      const photo = await plainJpeg(64, 64);
      const tight = { ...LIMITS, maxPhotoBytes: photo.length - 1, maxVideoBytes: mp4.length - 1 };
      const photoErr = await rejection(inspectUpload(photo, tight));
      expect(photoErr).toMatchObject({ code: 'too_large', httpStatus: 413 });
      expect(photoErr.messageId).toMatch(/^Foto terlalu besar/);
      const videoErr = await rejection(inspectUpload(mp4, tight));
      expect(videoErr.code).toBe('too_large');
      expect(videoErr.messageEn).toMatch(/^Video is too large/);

      const exact = { ...LIMITS, maxPhotoBytes: photo.length, maxVideoBytes: mp4.length };
      await expect(inspectUpload(photo, exact)).resolves.toMatchObject({ kind: 'photo' });
      await expect(inspectUpload(mp4, exact)).resolves.toMatchObject({ kind: 'video' });
    },
  );

  it.skipIf(!HAVE_FFMPEG)(
    `a video under the photo limit is still judged by the video limit${NO_FFMPEG_REASON}`,
    async () => {
      const limits = { ...LIMITS, maxPhotoBytes: mp4.length * 10, maxVideoBytes: mp4.length - 1 };
      expect((await rejection(inspectUpload(mp4, limits))).code).toBe('too_large');
    },
  );

  it('rejects images over maxPixels from the header, before decoding', async () => {
    const photo = await plainJpeg(200, 100);
    const err = await rejection(inspectUpload(photo, { ...LIMITS, maxPixels: 200 * 100 - 1 }));
    expect(err.code).toBe('too_large');
    expect(err.messageEn).toMatch(/megapixels/);
    await expect(inspectUpload(photo, { ...LIMITS, maxPixels: 200 * 100 })).resolves.toBeTruthy();
  });
});
