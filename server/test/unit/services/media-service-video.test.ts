import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileMediaStore } from '../../../src/media/media-store.js';
import { MediaError } from '../../../src/media/media-types.js';
import { MediaService, reportVideoSupport } from '../../../src/services/intake/media-service.js';
import {
  FFMPEG,
  HAVE_FFMPEG,
  LIMITS,
  NO_FFMPEG_REASON,
  ffmpeg,
  plainJpeg,
  testVideoArgs,
} from '../media/fixtures.js';

/** An MP4 header followed by garbage: recognised as a video by its bytes, never transcodable. */
function mp4Header(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\0\0isommp41', 'latin1'),
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(5000, 0x42)]);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-media-service-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const service = (ffmpegCommand: string) =>
  new MediaService(new FileMediaStore(join(dir, 'media')), LIMITS, join(dir, 'tmp'), {
    ffmpeg: ffmpegCommand,
  });

/** Every file the service stored, relative to its media folder. */
async function stored(): Promise<string[]> {
  const entries = await readdir(join(dir, 'media'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('without ffmpeg, videos are refused (the documented rule) and photos still work', () => {
  // a path that does not exist stands in for a machine without ffmpeg
  const missing = () => service(join(dir, 'no-ffmpeg-here', 'ffmpeg'));

  it('a video: 415 video_unavailable, in Indonesian and English, and nothing stored', async () => {
    const err = await missing()
      .ingest([{ data: mp4Header() }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect(err).toMatchObject({ code: 'video_unavailable', httpStatus: 415 });
    const { localized } = err as MediaError;
    expect(localized.id).toMatch(/^Video belum dapat diterima di server ini \(ffmpeg tidak terpasang\)/);
    expect(localized.en).toMatch(/^Videos cannot be accepted on this server \(ffmpeg is not installed\)/);
    expect(await stored()).toEqual([]);
  });

  it('photos sent together with a video are refused with it: nothing of the upload is stored', async () => {
    await expect(
      missing().ingest([{ data: await plainJpeg(64, 48) }, { data: mp4Header() }]),
    ).rejects.toMatchObject({ code: 'video_unavailable' });
    expect(await stored()).toEqual([]);
  });

  it('photos alone are accepted', async () => {
    const [photo] = await missing().ingest([{ data: await plainJpeg(64, 48) }]);
    expect(photo).toMatchObject({ kind: 'photo', mime: 'image/jpeg' });
    expect(await stored()).toHaveLength(3); // original, public copy, thumbnail
  });

  it('the operator is warned once at start, in both languages, with what to do', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    await reportVideoSupport(missing(), log);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: number; msg: string };
    expect(line.level).toBe(40); // warn
    expect(line.msg).toMatch(/^Video dari warga akan ditolak .* \/ Citizens' videos will be refused/);
    expect(line.msg).toContain('apt-get install ffmpeg');
    expect(line.msg).toContain('SIGAP_FFMPEG');
  });
});

describe.skipIf(!HAVE_FFMPEG)(`with ffmpeg${NO_FFMPEG_REASON}`, () => {
  it('a video is checked and staged at intake, and transcoded with its poster by the job', async () => {
    await ffmpeg([...testVideoArgs({ seconds: 1 }), join(dir, 'clip.mp4')]);
    const media = service(FFMPEG);
    expect(await media.videoSupport()).toMatchObject({ available: true });
    const [video] = await media.ingest([{ data: await readFile(join(dir, 'clip.mp4')) }]);
    expect(video).toMatchObject({ kind: 'video', mime: 'video/mp4', processing: 'pending' });
    // only the original, in staging, until the commit promotes it
    expect(await stored()).toEqual([`${video!.id}.mp4`]);
    expect(await media.read(video!.originalKey)).toBeNull();
    await media.promote([video!]);
    expect(await media.read(video!.originalKey)).not.toBeNull();
    const done = await media.transcode(video!);
    expect(done.width).toBeGreaterThan(0);
    expect((await stored()).sort()).toEqual(
      [`${video!.id}.mp4`, `${video!.id}.mp4`, `${video!.id}-poster.jpg`].sort(),
    );
  });

  it('a file that is not a video is refused at intake, before anything is stored', async () => {
    const err = await service(FFMPEG)
      .ingest([{ data: mp4Header() }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect(await stored()).toEqual([]);
  });
});
