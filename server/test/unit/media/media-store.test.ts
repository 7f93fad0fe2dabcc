import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileMediaStore, InvalidMediaKeyError, assertValidMediaKey } from '../../../src/media/media-store.js';

let root: string;
let store: FileMediaStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigap-store-'));
  store = new FileMediaStore(join(root, 'media'));
});

afterEach(() => rm(root, { recursive: true, force: true }));

const KEY = 'original/ab/ab3f0c2e-1d5b-4c1a-9b0e-2f7c1e5d9a10.jpg';

describe('FileMediaStore', () => {
  it('stores and reads back bytes; a missing key is null', async () => {
    await store.put(KEY, Buffer.from('hello'));
    expect((await store.get(KEY))?.toString()).toBe('hello');
    expect(await store.get('original/ab/missing.jpg')).toBeNull();
    expect(await store.get('original/zz/deeper/missing.jpg')).toBeNull();
  });

  it('overwrites atomically and leaves no temp files', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(KEY, Buffer.alloc(50_000, i))));
    const data = await store.get(KEY);
    expect(data?.length).toBe(50_000);
    expect(new Set(data)).toHaveProperty('size', 1);
    expect(await readdir(join(root, 'media', 'original', 'ab'))).toEqual([KEY.split('/').pop()]);
  });

  it('keeps directories 0700 and files 0600', async () => {
    await store.put(KEY, Buffer.from('x'));
    const mode = async (p: string) => (await stat(join(root, 'media', p))).mode & 0o777;
    expect(await mode('original')).toBe(0o700);
    expect(await mode('original/ab')).toBe(0o700);
    expect(await mode(KEY)).toBe(0o600);
  });

  const badKeys = [
    '../escape.jpg',
    'original/../../escape.jpg',
    'original/ab/..',
    '..',
    '/etc/passwd',
    'original//ab.jpg',
    'original/./ab.jpg',
    'original\\ab.jpg',
    '.hidden',
    'original/ab/',
    '',
    'C:/windows.jpg',
    'original/ab/x.jpg\0.png',
    'original/ab/x .jpg',
  ];
  it.each(badKeys)('rejects key %j for put and get', async (key) => {
    await expect(store.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidMediaKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
  });

  it('does not read files outside its root', async () => {
    await writeFile(join(root, 'secret.txt'), 'secret');
    await expect(store.get('../secret.txt')).rejects.toBeInstanceOf(InvalidMediaKeyError);
  });

  it('accepts the generated key shapes', () => {
    for (const key of [KEY, 'public/ab/ab3f0c2e-thumb.jpg', 'public/ab/id-poster.jpg', 'original/0f/x.3gp']) {
      expect(() => assertValidMediaKey(key)).not.toThrow();
    }
  });
});
