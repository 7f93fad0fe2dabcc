import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../../src/media/media-types.js';
import { processVideo, type ProcessedVideo } from '../../../src/media/video.js';
import {
  FFMPEG,
  HAVE_FFMPEG,
  LIMITS,
  NO_FFMPEG_REASON,
  ffmpeg,
  ffmpegInfo,
  pipedWebmWithoutDuration,
  testVideoArgs,
} from './fixtures.js';

const WITH_FFMPEG = { ffmpegPath: FFMPEG };

const LOCATION = '+06.2000+106.8166/';
const CREATED = '2024-05-01T10:20:30Z';

let fixtures: string;
let workDir: string;

beforeAll(async () => {
  fixtures = await mkdtemp(join(tmpdir(), 'sigap-video-fx-'));
  workDir = await mkdtemp(join(tmpdir(), 'sigap-video-work-'));
});

afterAll(async () => {
  await rm(fixtures, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

async function makeVideo(name: string, args: string[]): Promise<Buffer> {
  await ffmpeg([...args, join(fixtures, name)]);
  return readFile(join(fixtures, name));
}

async function infoOf(name: string, data: Buffer): Promise<string> {
  await writeFile(join(fixtures, name), data);
  return ffmpegInfo(join(fixtures, name));
}

const taggedArgs = [
  ...['-metadata', `location=${LOCATION}`, '-metadata', `creation_time=${CREATED}`],
  ...['-metadata', 'title=SecretTitle', '-metadata:s:v', `creation_time=${CREATED}`],
];

describe.skipIf(!HAVE_FFMPEG)(`processVideo: metadata stripped${NO_FFMPEG_REASON}`, () => {
  let source: Buffer;
  let result: ProcessedVideo;

  beforeAll(async () => {
    source = await makeVideo('tagged.mp4', [...testVideoArgs({ seconds: 2, audio: true }), ...taggedArgs]);
    result = await processVideo(source, LIMITS, workDir, WITH_FFMPEG);
  });

  it('the mp4 fixture carries location and creation time', async () => {
    const info = await ffmpegInfo(join(fixtures, 'tagged.mp4'));
    expect(info).toContain(`location        : ${LOCATION}`);
    expect(info).toContain('creation_time   : 2024-05-01T10:20:30');
    expect(info).toContain('SecretTitle');
  });

  it('the output has no location, creation time, title or location atoms', async () => {
    const info = await infoOf('tagged-out.mp4', result.publicVideo);
    expect(info).not.toMatch(/location|creation_time|SecretTitle|2024-05-01/);
    const bytes = result.publicVideo.toString('latin1');
    for (const needle of ['106.8166', 'loci', '\u00a9xyz', 'SecretTitle', 'com.apple.quicktime']) {
      expect(bytes).not.toContain(needle);
    }
  });

  it('is H.264/AAC MP4 with faststart, and reports duration and size', async () => {
    const info = await infoOf('tagged-out.mp4', result.publicVideo);
    expect(info).toMatch(/Video: h264 .*yuv420p/);
    expect(info).toMatch(/Audio: aac/);
    expect(result.publicMime).toBe('video/mp4');
    // faststart: the moov box comes before mdat.
    const bytes = result.publicVideo.toString('latin1');
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(result.durationSeconds).toBeGreaterThan(1.8);
    expect(result.durationSeconds).toBeLessThan(2.3);
    expect([result.width, result.height]).toEqual([320, 240]);
  });

  it('makes a metadata-free JPEG poster', async () => {
    const meta = await sharp(result.poster).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    expect(meta.exif).toBeUndefined();
    expect(await exifr.parse(result.poster, true)).toBeUndefined();
    expect(result.poster.toString('latin1')).not.toContain('Lavc');
    expect(result.posterMime).toBe('image/jpeg');
  });

  it('strips the ©xyz location string from a QuickTime source', async () => {
    const mov = await makeVideo('tagged.mov', [...testVideoArgs({ seconds: 1 }), ...taggedArgs]);
    expect(mov.toString('latin1')).toContain(LOCATION);
    const out = await processVideo(mov, LIMITS, workDir, WITH_FFMPEG);
    expect(out.publicVideo.toString('latin1')).not.toContain('106.8166');
    expect(await infoOf('tagged-mov-out.mp4', out.publicVideo)).not.toMatch(/location|creation_time/);
  });

  it('cleans up its temporary files', async () => {
    expect(await readdir(workDir)).toEqual([]);
  });
});

describe.skipIf(!HAVE_FFMPEG)(`processVideo: formats and geometry${NO_FFMPEG_REASON}`, () => {
  it('applies the rotation matrix and drops it (320×240 rotated 90° → 240×320)', async () => {
    await ffmpeg([...testVideoArgs({ seconds: 1 }), join(fixtures, 'plain.mp4')]);
    const rotated = await makeVideo('rotated.mp4', [
      ...['-i', join(fixtures, 'plain.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90'],
    ]);
    expect(await ffmpegInfo(join(fixtures, 'rotated.mp4'))).toMatch(/displaymatrix/);
    const out = await processVideo(rotated, LIMITS, workDir, WITH_FFMPEG);
    expect([out.width, out.height]).toEqual([240, 320]);
    expect(await infoOf('rotated-out.mp4', out.publicVideo)).not.toMatch(/displaymatrix|rotate +:/);
  });

  it('scales down to at most 720p, keeping portrait videos portrait', async () => {
    const portrait = await makeVideo('portrait.mp4', testVideoArgs({ seconds: 0.3, size: '1080x1920' }));
    expect(await processVideo(portrait, LIMITS, workDir, WITH_FFMPEG)).toMatchObject({
      width: 720,
      height: 1280,
    });
  });

  it('accepts WebM and 3GP and outputs MP4', async () => {
    const webm = await makeVideo('in.webm', [
      ...[
        '-f',
        'lavfi',
        '-i',
        'testsrc=duration=1:size=160x120:rate=10',
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
      ],
    ]);
    const gp = await makeVideo('in.3gp', [...testVideoArgs({ seconds: 1, size: '176x144' }), '-f', '3gp']);
    for (const input of [webm, gp]) {
      const out = await processVideo(input, LIMITS, workDir, WITH_FFMPEG);
      expect(await infoOf('format-out.mp4', out.publicVideo)).toMatch(/Video: h264/);
    }
  });
});

describe('processVideo: rejections', () => {
  it.skipIf(!HAVE_FFMPEG)(`rejects a video longer than maxVideoSeconds${NO_FFMPEG_REASON}`, async () => {
    const long = await makeVideo('long.mp4', testVideoArgs({ seconds: 3 }));
    await expect(
      processVideo(long, { ...LIMITS, maxVideoSeconds: 1 }, workDir, WITH_FFMPEG),
    ).rejects.toMatchObject({
      code: 'too_long',
      httpStatus: 422,
    });
  });

  it.skipIf(!HAVE_FFMPEG)(
    `catches a too-long video whose container does not state a duration${NO_FFMPEG_REASON}`,
    async () => {
      const webm = await pipedWebmWithoutDuration(4);
      expect(await infoOf('piped.webm', webm)).toContain('Duration: N/A');
      await expect(
        processVideo(webm, { ...LIMITS, maxVideoSeconds: 2 }, workDir, WITH_FFMPEG),
      ).rejects.toMatchObject({
        code: 'too_long',
      });
      await expect(
        processVideo(webm, { ...LIMITS, maxVideoSeconds: 5 }, workDir, WITH_FFMPEG),
      ).resolves.toMatchObject({
        publicMime: 'video/mp4',
      });
    },
  );

  it.skipIf(!HAVE_FFMPEG)(`a broken MP4 → corrupt${NO_FFMPEG_REASON}`, async () => {
    const err = await processVideo(brokenMp4(), LIMITS, workDir, WITH_FFMPEG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect(err).toMatchObject({ code: 'corrupt', httpStatus: 422 });
  });

  it('refuses non-videos', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    await expect(processVideo(jpeg, LIMITS, workDir, WITH_FFMPEG)).rejects.toMatchObject({
      code: 'unsupported_type',
    });
  });

  it('a missing ffmpeg binary is a server fault, not the uploader’s', async () => {
    // (MediaService refuses videos before this point when its ffmpeg is missing: see media-service.test.ts)
    const err = await processVideo(brokenMp4(), LIMITS, workDir, { ffmpegPath: '/nonexistent/ffmpeg' }).catch(
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(MediaError);
    expect(err).toMatchObject({ code: 'ENOENT' });
  });

  // Independent of the tests above: its own video, its own work folder, and an ffmpeg wrapper that records
  // the files it is handed, so the test knows which temporary folders processVideo made and can see them gone.
  it.skipIf(!HAVE_FFMPEG)(`leaves no temporary files behind after failures${NO_FFMPEG_REASON}`, async () => {
    const own = await mkdtemp(join(tmpdir(), 'sigap-video-cleanup-'));
    try {
      const work = join(own, 'work');
      await mkdir(work);
      const video = join(own, 'three-seconds.mp4');
      await ffmpeg([...testVideoArgs({ seconds: 3 }), video]);
      const ok = await readFile(video);
      const log = join(own, 'ffmpeg-args.log');
      const wrapper = join(own, 'ffmpeg.sh');
      await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\nexec '${FFMPEG}' "$@"\n`, {
        mode: 0o755,
      });

      // refused after probing, refused by ffmpeg, and ffmpeg missing altogether
      await expect(
        processVideo(ok, { ...LIMITS, maxVideoSeconds: 1 }, work, { ffmpegPath: wrapper }),
      ).rejects.toMatchObject({ code: 'too_long' });
      await expect(processVideo(brokenMp4(), LIMITS, work, { ffmpegPath: wrapper })).rejects.toMatchObject({
        code: 'corrupt',
      });
      await expect(
        processVideo(ok, LIMITS, work, { ffmpegPath: join(own, 'no-such-ffmpeg') }),
      ).rejects.toMatchObject({ code: 'ENOENT' });

      const args = (await readFile(log, 'utf8')).split('\n');
      const used = [...new Set(args.filter((a) => a.startsWith(work + sep)).map((a) => dirname(a)))];
      expect(used).toHaveLength(2); // one folder per run that reached ffmpeg
      for (const folder of used) await expect(access(folder)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await readdir(work)).toEqual([]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});

/** An MP4 header followed by garbage: passes the type check, fails in ffmpeg. */
function brokenMp4(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\0\0isommp41', 'latin1'),
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(5000, 0x42)]);
}
