import sharp from 'sharp';

/**
 * sharp-phash's 64-bit perceptual hash, with the DCT computed separably. The package sums all 32⁴ products
 * (about 8 ms of main-thread time per hash); a photo needs up to a dozen hashes (crops, caption probes), and
 * the separable form gives the same coefficients in a few microseconds. test/unit/media/phash.test.ts checks
 * that both produce the same bits.
 */
export const PHASH_INPUT = 32;
const LOW = 8;

// COS[k][n] = cos((2k + 1)·n·π / 2N), as in sharp-phash.
const COS = Array.from({ length: PHASH_INPUT }, (_, k) =>
  Float64Array.from({ length: PHASH_INPUT }, (_, n) =>
    Math.cos(((2 * k + 1) / (2 * PHASH_INPUT)) * n * Math.PI),
  ),
);

/** The hash of a greyscale picture (1 channel, `width`×`height` bytes) or of the region `area` of it. */
export async function phashOfGrey(
  grey: Buffer,
  size: { width: number; height: number },
  area?: { left: number; top: number; width: number; height: number },
): Promise<string> {
  let pipeline = sharp(grey, { raw: { ...size, channels: 1 } });
  if (area) pipeline = pipeline.extract(area);
  const pixels = await pipeline
    .resize(PHASH_INPUT, PHASH_INPUT, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
  return phashOfPixels(pixels);
}

/** From 32×32 grey pixels, row by row: DCT-II, the 8×8 lowest frequencies without row/column 0, above mean → 1. */
export function phashOfPixels(pixels: Uint8Array): string {
  if (pixels.length !== PHASH_INPUT * PHASH_INPUT) throw new Error('phash needs 32×32 grey pixels');
  // sharp-phash indexes the signal as f[x][y]; first transform along x for the 8 frequencies used.
  const partial: Float64Array[] = [];
  for (let u = 1; u <= LOW; u++) {
    const row = new Float64Array(PHASH_INPUT);
    for (let y = 0; y < PHASH_INPUT; y++) {
      let sum = 0;
      for (let x = 0; x < PHASH_INPUT; x++) sum += COS[x]![u]! * pixels[PHASH_INPUT * y + x]!;
      row[y] = sum;
    }
    partial.push(row);
  }
  const coefficients: number[] = [];
  for (let u = 0; u < LOW; u++) {
    for (let v = 1; v <= LOW; v++) {
      let sum = 0;
      for (let y = 0; y < PHASH_INPUT; y++) sum += COS[y]![v]! * partial[u]![y]!;
      coefficients.push(sum / 4);
    }
  }
  const mean = coefficients.reduce((a, b) => a + b, 0) / coefficients.length;
  return coefficients.map((c) => (c > mean ? '1' : '0')).join('');
}
