import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FileMediaStore } from '../../../src/media/media-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../../../src/media/media-types.js';
import { MediaService } from '../../../src/services/intake/media-service.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-upload-sweep-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('the sweep removes upload folders of stopped requests, never one still being written', async () => {
  const media = new MediaService(
    new FileMediaStore(join(dir, 'media')),
    DEFAULT_MEDIA_LIMITS,
    join(dir, 'tmp'),
  );
  expect(await media.sweepUploads(new Date())).toBe(0); // no upload area yet
  const hourAgo = new Date(Date.now() - 3_600_000);
  const stopped = join(media.uploadArea, 'stopped');
  const writing = join(media.uploadArea, 'writing');
  for (const folder of [stopped, writing]) {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '0'), 'x');
    await utimes(join(folder, '0'), hourAgo, hourAgo);
    await utimes(folder, hourAgo, hourAgo);
  }
  // the second request's file is still growing
  await writeFile(join(writing, '1'), 'y');
  await utimes(writing, hourAgo, hourAgo);
  expect(await media.sweepUploads(new Date(Date.now() - 60_000))).toBe(1);
  expect(await readdir(media.uploadArea)).toEqual(['writing']);
});

test('the sweep removes what a killed process left mid-write: old .tmp files and ffmpeg work folders only', async () => {
  const media = new MediaService(
    new FileMediaStore(join(dir, 'media')),
    DEFAULT_MEDIA_LIMITS,
    join(dir, 'tmp'),
  );
  expect(await media.sweepLeftovers(new Date())).toEqual({ temporaries: 0, workFolders: 0 });
  const hourAgo = new Date(Date.now() - 3_600_000);
  const staging = join(dir, 'media', 'staging', 'photo', 'ab');
  await mkdir(staging, { recursive: true });
  const old = join(staging, 'x.jpg.0190a5e0-0000-7000-8000-000000000001.tmp');
  const fresh = join(staging, 'y.jpg.0190a5e0-0000-7000-8000-000000000002.tmp');
  const kept = join(staging, 'z.jpg'); // a staged file is the staging sweep's business, not this one's
  for (const file of [old, fresh, kept]) await writeFile(file, 'x');
  for (const file of [old, kept]) await utimes(file, hourAgo, hourAgo);
  for (const name of ['probe-old', 'video-old', 'probe-new', 'other-old']) {
    await mkdir(join(dir, 'tmp', name, 'input'), { recursive: true });
    if (name.endsWith('old')) await utimes(join(dir, 'tmp', name), hourAgo, hourAgo);
  }
  expect(await media.sweepLeftovers(new Date(Date.now() - 60_000))).toEqual({
    temporaries: 1,
    workFolders: 2,
  });
  expect((await readdir(staging)).sort()).toEqual([
    'y.jpg.0190a5e0-0000-7000-8000-000000000002.tmp',
    'z.jpg',
  ]);
  expect((await readdir(join(dir, 'tmp'))).sort()).toEqual(['other-old', 'probe-new']);
});
