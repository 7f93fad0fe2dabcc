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
