import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegOf } from '../../../src/config.js';
import { checkFfmpeg } from '../../../src/media/ffmpeg.js';
import { FFMPEG, HAVE_FFMPEG, NO_FFMPEG_REASON } from './fixtures.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-ffmpeg-check-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A shell script standing in for ffmpeg: prints `version` for -version and `encoders` for -encoders. */
async function fakeFfmpeg(name: string, version: string, encoders: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    `#!/bin/sh\nfor a in "$@"; do\n  [ "$a" = -version ] && { printf '%s\\n' '${version}'; exit 0; }\n` +
      `  [ "$a" = -encoders ] && { printf '%s\\n' '${encoders}'; exit 0; }\ndone\nexit 1\n`,
    { mode: 0o755 },
  );
  return file;
}

describe('where ffmpeg is looked for (SIGAP_FFMPEG)', () => {
  it('ffmpeg on PATH by default; a command name stays a name; a relative path is taken from where npm ran', () => {
    expect(ffmpegOf({})).toBe('ffmpeg');
    expect(ffmpegOf({ SIGAP_FFMPEG: '  ' })).toBe('ffmpeg');
    expect(ffmpegOf({ SIGAP_FFMPEG: 'ffmpeg-5' })).toBe('ffmpeg-5');
    expect(ffmpegOf({ SIGAP_FFMPEG: '/opt/ffmpeg/bin/ffmpeg' })).toBe('/opt/ffmpeg/bin/ffmpeg');
    expect(ffmpegOf({ SIGAP_FFMPEG: 'tools/ffmpeg', INIT_CWD: '/home/warga/sigap' })).toBe(
      '/home/warga/sigap/tools/ffmpeg',
    );
  });
});

describe('checkFfmpeg: is this an ffmpeg that can make the published videos?', () => {
  it('a missing binary: not installed, in both languages', async () => {
    const status = await checkFfmpeg(join(dir, 'no-such-ffmpeg'));
    expect(status).toMatchObject({ available: false });
    if (status.available) return;
    expect(status.reason.id).toMatch(/^ffmpeg tidak terpasang/);
    expect(status.reason.en).toMatch(/^ffmpeg is not installed/);
  });

  it('a program that is not ffmpeg', async () => {
    const status = await checkFfmpeg(await fakeFfmpeg('not-ffmpeg', 'something else 1.0', ''));
    expect(status).toMatchObject({
      available: false,
      reason: { en: expect.stringMatching(/is not ffmpeg/) },
    });
  });

  it('an ffmpeg without the H.264 encoder', async () => {
    const command = await fakeFfmpeg(
      'ffmpeg-lgpl',
      'ffmpeg version 6.1-lgpl Copyright (c) 2000-2023 the FFmpeg developers',
      ' V....D libopenh264          OpenH264 H.264 (codec h264)\n A..... aac                  AAC',
    );
    const status = await checkFfmpeg(command);
    expect(status).toMatchObject({
      available: false,
      reason: { en: expect.stringMatching(/lacks the libx264/) },
    });
  });

  it('an ffmpeg with libx264 and aac', async () => {
    const command = await fakeFfmpeg(
      'ffmpeg-ok',
      'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers',
      ' V....D libx264              libx264 H.264 (codec h264)\n A..... aac                  AAC',
    );
    expect(await checkFfmpeg(command)).toEqual({ available: true, command, version: '5.1.9-0+deb12u1' });
  });

  it.skipIf(!HAVE_FFMPEG)(`the ffmpeg of this machine${NO_FFMPEG_REASON}`, async () => {
    expect(await checkFfmpeg(FFMPEG)).toMatchObject({ available: true, command: FFMPEG });
  });
});
