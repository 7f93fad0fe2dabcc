import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchDistance } from '../../../src/media/hash-bands.js';
import { fingerprintPhoto, type PhotoFingerprint } from '../../../src/media/perceptual-hash.js';
import { REUSE_VARIANTS, caption, scenePhoto } from '../../support/synthetic-photos.js';

const LAYOUTS = [1, 2, 3, 4, 5, 6, 7, 8];

async function fingerprint(image: Buffer): Promise<PhotoFingerprint> {
  const result = await fingerprintPhoto(image, { evidence: true });
  if (!result) throw new Error('no fingerprint');
  return result;
}

describe('perceptual fingerprints of generated photos', () => {
  const originals = new Map<number, { image: Buffer; print: PhotoFingerprint }>();
  beforeAll(async () => {
    for (const layout of LAYOUTS) {
      const image = await scenePhoto(layout);
      originals.set(layout, { image, print: await fingerprint(image) });
    }
  });

  it.each(Object.keys(REUSE_VARIANTS))('the same photo %s still matches', async (name) => {
    for (const layout of LAYOUTS) {
      const { image, print } = originals.get(layout)!;
      const reused = await fingerprint(await REUSE_VARIANTS[name]!(image));
      expect(matchDistance(print, reused), `layout ${layout}`).not.toBeNull();
    }
  });

  it('a caption whose date was changed still matches', async () => {
    for (const layout of LAYOUTS) {
      const scene = originals.get(layout)!.image;
      const first = await fingerprint(await caption(scene, 'over', '20/11/2026 08:12 Jl. Kebon Sirih'));
      const again = await fingerprint(await caption(scene, 'over', '26/11/2026 15:47 Jl. Kebon Sirih'));
      expect(matchDistance(first, again), `layout ${layout}`).not.toBeNull();
    }
  });

  it('different photos do not match, not even of a similar scene (same colours, other layout)', async () => {
    for (const a of LAYOUTS)
      for (const b of LAYOUTS)
        if (a !== b) expect(matchDistance(originals.get(a)!.print, originals.get(b)!.print)).toBeNull();
    for (const palette of [1, 2, 3]) {
      const prints = await Promise.all(
        [1, 2, 3].map(async (l) => fingerprint(await scenePhoto(palette * 100 + l, { palette }))),
      );
      for (const a of prints) for (const b of prints) if (a !== b) expect(matchDistance(a, b)).toBeNull();
    }
  });

  it('gives no fingerprint to a featureless picture, and crops and probes only to evidence', async () => {
    const grey = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    expect(await fingerprintPhoto(grey, { evidence: true })).toBeNull();
    const reportPhoto = await fingerprintPhoto(originals.get(1)!.image, { evidence: false });
    expect(reportPhoto).toEqual({ hash: originals.get(1)!.print.hash, crops: [], probes: [] });
    expect(originals.get(1)!.print.crops).toHaveLength(5);
    expect(originals.get(1)!.print.probes).toHaveLength(6);
  });
});
