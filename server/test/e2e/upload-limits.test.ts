import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { FileMediaStore } from '../../src/media/media-store.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '../../src/media/media-types.js';
import { MediaService } from '../../src/services/intake/media-service.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface ErrorBody {
  error: { code: string; message: { id: string; en: string } };
}

const MB = 1024 * 1024;
const REPORT = { text: 'Jalan berlubang di depan halte', lat: -6.1754, lng: 106.8272, category: 'jalan' };
// small limits, so a test sends a few megabytes instead of hundreds
const LIMITS: MediaLimits = {
  ...DEFAULT_MEDIA_LIMITS,
  maxPhotoBytes: 1 * MB,
  maxVideoBytes: 2 * MB,
  maxUploadBytes: 3 * MB,
};

interface FilePart {
  data: Buffer;
  name?: string;
  field?: string;
  type?: string;
}

function form(payload: unknown, files: FilePart[]): FormData {
  const body = new FormData();
  body.append('payload', JSON.stringify(payload));
  for (const f of files)
    body.append(
      f.field ?? 'photos',
      new Blob([new Uint8Array(f.data)], { type: f.type ?? 'image/jpeg' }),
      f.name ?? 'foto.jpg',
    );
  return body;
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe.each(testEngines())('uploads: byte and pixel caps, no files left behind, on %s', (engine) => {
  let ctx: TestContext;
  let app: App;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    ctx = await testContext(engine);
    dataDir = await mkdtemp(join(tmpdir(), 'sigap-upload-limits-'));
    const media = new MediaService(new FileMediaStore(join(dataDir, 'media')), LIMITS, join(dataDir, 'tmp'));
    app = await buildApp({ ...ctx, media }, { intakePerMinute: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (body: FormData, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/api/v1/reports`, { method: 'POST', body, headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as ErrorBody };
  };

  test('a request whose files together pass the per-request cap is refused with a bilingual 413, nothing kept', async () => {
    // each file is under every per-file cap; four of them are not under the request's
    const files = Array.from({ length: 4 }, () => ({ data: randomBytes(900 * 1024) }));
    const reply = await post(form(REPORT, files));
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('upload_too_large');
    expect(reply.body.error.message.id).toContain('3 MB');
    expect(reply.body.error.message.en).toContain('3 MB');
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  test('one file over the largest per-file cap is refused with a 413 naming its field, nothing kept', async () => {
    const reply = await post(
      form(REPORT, [{ data: randomBytes(2 * MB + 1), field: 'video', name: 'v.mp4' }]),
    );
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('file_too_large');
    expect(reply.body.error.message.id).toContain('"video"');
    expect(reply.body.error.message.en).toContain('"video"');
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  test('a zero-byte file is refused with a bilingual 400 naming its field and file', async () => {
    const reply = await post(
      form(REPORT, [
        { data: await phonePhoto(1) },
        { data: Buffer.alloc(0), field: 'lampiran', name: 'x.jpg' },
      ]),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('empty_file');
    expect(reply.body.error.message.id).toMatch(/"lampiran".*"x\.jpg"|"x\.jpg".*"lampiran"/);
    expect(reply.body.error.message.en).toMatch(/"lampiran".*"x\.jpg"|"x\.jpg".*"lampiran"/);
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  test('a 39-megapixel PNG bomb is refused with a 413 naming the pixel cap', async () => {
    const bomb = await sharp({
      create: { width: 7_800, height: 5_000, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(LIMITS.maxPhotoBytes);
    const reply = await post(form(REPORT, [{ data: bomb, name: 'bom.png', type: 'image/png' }]));
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('too_large');
    expect(reply.body.error.message.id).toMatch(/megapiksel/);
    expect(reply.body.error.message.en).toMatch(/megapixels/);
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  test('twenty failed requests of every kind leave no file in the data folder', async () => {
    const photos = await Promise.all([1, 2, 3, 4].map((seed) => phonePhoto(seed)));
    const good = photos.map((data) => ({ data }));
    const garbage = { data: randomBytes(50_000), name: 'rusak.jpg' };
    // a JPEG whose header reads well and whose pixels stop half-way: refused only when decoded
    const whole = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 10, g: 200, b: 90 } },
    })
      .jpeg()
      .toBuffer();
    const cutShort = { data: whole.subarray(0, Math.floor(whole.length / 2)), name: 'terpotong.jpg' };
    const failures: Array<() => Promise<number>> = [
      // the last file is refused after four photos were checked and written to staging
      async () => (await post(form(REPORT, [...good, garbage]))).status,
      // the last photo is refused when decoded, after the first four were processed and staged
      async () => (await post(form(REPORT, [...good, cutShort]))).status,
      // the payload is refused after every file arrived
      async () => (await post(form({ ...REPORT, lat: 123 }, good))).status,
      // outside the city: refused by placement
      async () => (await post(form({ ...REPORT, lat: 1.3, lng: 103.8 }, good))).status,
      // the same idempotency key again with another request
      async () =>
        (
          await post(form({ ...REPORT, text: `${REPORT.text} lagi` }, good), {
            'idempotency-key': 'kunci-gagal-1',
          })
        ).status,
      // too many files for the plugin's file count
      async () => (await post(form(REPORT, [...good, ...good]))).status,
    ];
    expect((await post(form(REPORT, good.slice(0, 1)), { 'idempotency-key': 'kunci-gagal-1' })).status).toBe(
      201,
    );
    const kept = await filesUnder(dataDir);
    expect(kept).toHaveLength(3); // the original, the public copy and the thumbnail of the one accepted photo
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await failures[i % failures.length]!());
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect((await filesUnder(dataDir)).sort()).toEqual(kept.sort());
  });

  test('two deliveries of one request at once keep the files of one report only', async () => {
    const before = await filesUnder(dataDir);
    const body = () => form(REPORT, [{ data: randomPhoto }]);
    const randomPhoto = await phonePhoto(77);
    const replies = await Promise.all([
      post(body(), { 'idempotency-key': 'kembar-1' }),
      post(body(), { 'idempotency-key': 'kembar-1' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    const added = (await filesUnder(dataDir)).filter((f) => !before.includes(f));
    expect(added).toHaveLength(3);
    expect(added.every((f) => f.startsWith('media/public/') || f.startsWith('media/original/'))).toBe(true);
  });

  test('for any sizes and order of files, the first cap passed decides the answer, and no file is kept', async () => {
    const KB = 1024;
    const tiny: MediaLimits = {
      ...DEFAULT_MEDIA_LIMITS,
      maxPhotoBytes: 16 * KB,
      maxVideoBytes: 32 * KB,
      maxUploadBytes: 64 * KB,
    };
    const tinyDir = await mkdtemp(join(tmpdir(), 'sigap-upload-caps-'));
    const media = new MediaService(new FileMediaStore(join(tinyDir, 'media')), tiny, join(tinyDir, 'tmp'));
    const capped = await buildApp({ ...ctx, media }, { intakePerMinute: 0 });
    try {
      // sizes around every cap: none of them is a photo or a video, so a form within the caps gets a 415
      const size = fc.oneof(
        fc.constantFrom(0, 1, 16 * KB, 32 * KB, 32 * KB + 1, 33 * KB, 64 * KB, 64 * KB + 1),
        fc.integer({ min: 0, max: 40 * KB }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(size, { minLength: 1, maxLength: 6 }), async (sizes) => {
          let expected = 'unsupported_type';
          let total = 0;
          for (const bytes of sizes) {
            // the per-file cap cuts a file at its limit; the request's cap counts what arrives
            total += Math.min(bytes, 32 * KB);
            if (total > tiny.maxUploadBytes) {
              expected = 'upload_too_large';
              break;
            }
            if (bytes > 32 * KB) {
              expected = 'file_too_large';
              break;
            }
            if (bytes === 0) {
              expected = 'empty_file';
              break;
            }
          }
          const reply = await capped.inject({
            method: 'POST',
            url: '/api/v1/reports',
            payload: form(
              REPORT,
              sizes.map((n, i) => ({ data: Buffer.alloc(n, 0x41 + i), name: `f${i}.bin` })),
            ) as never,
          });
          expect(reply.json<ErrorBody>().error.code).toBe(expected);
          expect(reply.statusCode).toBe(
            { unsupported_type: 415, upload_too_large: 413, file_too_large: 413, empty_file: 400 }[expected],
          );
          expect(await filesUnder(tinyDir)).toEqual([]);
        }),
        { numRuns: 60, seed: 20261207 },
      );
    } finally {
      await capped.close();
      await rm(tinyDir, { recursive: true, force: true });
    }
  });

  test('a client that goes away in the middle of an upload leaves no file behind', async () => {
    const before = await filesUnder(dataDir);
    const boundary = 'sigapputus';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(REPORT)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const { port } = new URL(url);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/api/v1/reports',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 2 * MB),
        },
      });
      req.on('error', () => resolve());
      req.write(head);
      req.write(randomBytes(600 * 1024), () => {
        // half a file sent: the server has started writing it; then the connection drops
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200);
      });
    });
    await vi.waitFor(async () => expect(await filesUnder(dataDir)).toEqual(before), {
      timeout: 10_000,
      interval: 100,
    });
  });
});
