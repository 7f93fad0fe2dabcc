import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { FileMediaStore } from '../../src/media/media-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../../src/media/media-types.js';
import { MediaService } from '../../src/services/intake/media-service.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const LISTED = 'https://lapor.contoh.go.id';
const UNLISTED = 'https://evil.example';
const REPORT = { text: 'Jalan berlubang di depan halte', lat: -6.1754, lng: 106.8272, category: 'jalan' };

/** An MP4 header followed by garbage: a video by its bytes; refused before anything would transcode it. */
function mp4Header(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\0\0isommp41', 'latin1'),
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(5000, 0x42)]);
}

function reportForm(files: Array<{ data: Buffer; name: string; type: string }>): FormData {
  const form = new FormData();
  form.append('payload', JSON.stringify(REPORT));
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  return form;
}

const cspOf = (headers: Record<string, unknown>) =>
  String(headers['content-security-policy'])
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);

describe.each(testEngines())(
  'security headers, cross-origin access and videos without ffmpeg, on %s',
  (engine) => {
    let ctx: TestContext;
    let app: App;
    let open: App;
    let dir: string;

    beforeAll(async () => {
      ctx = await testContext(engine);
      dir = await mkdtemp(join(tmpdir(), 'sigap-http-security-'));
      // as on a machine without ffmpeg: a path where there is none
      const media = new MediaService(
        new FileMediaStore(join(dir, 'media')),
        DEFAULT_MEDIA_LIMITS,
        join(dir, 'tmp'),
        { ffmpeg: join(dir, 'no-ffmpeg', 'ffmpeg') },
      );
      app = await buildApp({ ...ctx, media }, { intakePerMinute: 0 });
      open = await buildApp(ctx, { intakePerMinute: 0, corsOrigins: [LISTED] });
      await Promise.all([app.ready(), open.ready()]);
    });
    afterAll(async () => {
      await app.close();
      await open.close();
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    });

    test('an API answer carries the security headers and a policy that lets its documents load nothing', async () => {
      for (const url of ['/healthz', '/api/v1/reports/JK0000000000', '/no/such/route']) {
        const reply = await app.inject({ method: 'GET', url });
        expect(cspOf(reply.headers)).toEqual([
          "default-src 'none'",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ]);
        expect(reply.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': 'max-age=31536000',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
        });
        expect(reply.headers['x-powered-by']).toBeUndefined();
      }
    });

    test('/docs gets a policy that lets Swagger UI run its own files, and nothing from elsewhere', async () => {
      for (const url of [
        '/docs',
        '/docs/',
        '/docs/static/index.html',
        '/docs/static/swagger-initializer.js',
      ]) {
        const reply = await app.inject({ method: 'GET', url });
        expect(reply.statusCode, url).toBeLessThan(400);
        const csp = cspOf(reply.headers);
        expect(csp, url).toContain("script-src 'self'");
        expect(csp, url).toContain("default-src 'none'");
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp.join(';'), url).not.toMatch(/unsafe|\*|https:/);
        expect(reply.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    test('by default no other origin may call the API from a browser', async () => {
      const get = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: UNLISTED } });
      expect(get.statusCode).toBe(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/reports',
        headers: { origin: UNLISTED, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    test('with SIGAP_CORS_ORIGINS, exactly the listed origins may', async () => {
      const get = await open.inject({ method: 'GET', url: '/healthz', headers: { origin: LISTED } });
      expect(get.headers['access-control-allow-origin']).toBe(LISTED);
      expect(get.headers.vary).toMatch(/origin/i);
      expect(get.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await open.inject({
        method: 'OPTIONS',
        url: '/api/v1/reports',
        headers: {
          origin: LISTED,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(LISTED);
      expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('PATCH');
      for (const origin of [UNLISTED, `${LISTED}.evil.example`, 'http://lapor.contoh.go.id']) {
        const other = await open.inject({ method: 'GET', url: '/healthz', headers: { origin } });
        expect(other.headers['access-control-allow-origin'], origin).toBeUndefined();
      }
    });

    test('without ffmpeg a video is refused with a clear 415 in both languages, nothing is filed; photos work', async () => {
      const count = async () =>
        Number(
          (
            await ctx.store.db
              .selectFrom('report')
              .select((e) => e.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportForm([
          { data: await phonePhoto(), name: 'foto.jpg', type: 'image/jpeg' },
          { data: mp4Header(), name: 'video.mp4', type: 'video/mp4' },
        ]) as never,
      });
      expect(refused.statusCode).toBe(415);
      expect(refused.json()).toEqual({
        error: {
          code: 'video_unavailable',
          message: {
            id: expect.stringMatching(/^Video belum dapat diterima di server ini \(ffmpeg tidak terpasang\)/),
            en: expect.stringMatching(
              /^Videos cannot be accepted on this server \(ffmpeg is not installed\)/,
            ),
          },
        },
      });
      expect(await count()).toBe(before);

      const photoOnly = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportForm([{ data: await phonePhoto(), name: 'foto.jpg', type: 'image/jpeg' }]) as never,
      });
      expect(photoOnly.statusCode).toBe(201);
      expect(await count()).toBe(before + 1);
    });

    test('the operator was told at start, once, that videos will be refused', () => {
      const warnings = ctx.logLines.filter((l) => l.includes('video_unavailable'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({
        level: 40,
        ffmpeg: join(dir, 'no-ffmpeg', 'ffmpeg'),
        msg: expect.stringMatching(/^Video dari warga akan ditolak.* \/ Citizens' videos will be refused/),
      });
    });
  },
);
