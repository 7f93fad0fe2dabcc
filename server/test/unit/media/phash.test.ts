import sharp from 'sharp';
import sharpPhash from 'sharp-phash';
import { describe, expect, it } from 'vitest';
import { phashOfGrey, phashOfPixels } from '../../../src/media/phash.js';
import { scenePhoto } from '../../support/synthetic-photos.js';

const packagePhash = sharpPhash as unknown as (typeof sharpPhash)['default'];

describe('phash: the separable port of sharp-phash', () => {
  it('gives the same 64 bits as the package on generated photos of several sizes', async () => {
    for (const [layout, width] of [
      [1, 800],
      [2, 320],
      [3, 1000],
      [4, 64],
      [5, 500],
      [6, 256],
    ] as const) {
      const { data, info } = await sharp(await scenePhoto(layout, { width }))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const expected = await packagePhash(data, {
        raw: { width: info.width, height: info.height, channels: 1 },
      });
      expect(await phashOfGrey(data, info), `layout ${layout}`).toBe(expected);
    }
  });

  it('hashes a region as the package hashes that region cut out', async () => {
    const { data, info } = await sharp(await scenePhoto(7))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const area = { left: 40, top: 30, width: 700, height: 500 };
    const cut = await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
      .extract(area)
      .greyscale()
      .raw()
      .toBuffer();
    const expected = await packagePhash(cut, { raw: { width: 700, height: 500, channels: 1 } });
    expect(await phashOfGrey(data, info, area)).toBe(expected);
  });

  it('needs exactly 32×32 pixels', () => {
    expect(() => phashOfPixels(new Uint8Array(100))).toThrow(/32×32/);
    expect(phashOfPixels(new Uint8Array(1024))).toMatch(/^[01]{64}$/);
  });
});
