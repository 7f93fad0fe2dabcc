/**
 * Finding near-duplicate 64-bit perceptual hashes with ordinary indexes (multi-index hashing).
 *
 * Each hash is also kept as four 16-bit bands. If two hashes differ in at most t bits, at least one band differs
 * in at most ⌊t/4⌋ bits (pigeonhole: four bands each off by more would be more than t in total). So the
 * candidates are the rows holding, in some band i, one of the values within that radius of the query's band i;
 * the exact distance then decides, and no match within t is ever missed. The price is selectivity: radius 2
 * (t ≤ 11) means 137 values a band, and with evenly spread bands about 0.8% of all photos become candidates
 * per query hash; radius 1 (t ≤ 7) 17 values, 0.1%; radius 0 (exact bands) 0.006% but only t ≤ 3 guaranteed.
 * The band indexes include the hash, so candidates are checked without reading the table (bench/README.md).
 *
 * Hence two thresholds, chosen by measurement on 40 generated photos (test/unit/media/perceptual-hash.test.ts,
 * numbers in docs/DECISIONS.md): whole picture against whole picture may differ by up to 11 bits (re-encoding,
 * halving and ±20% brightness stayed within 7, a caption band drawn over the photo within 11 in 39 of 40); every
 * other pairing (a stored crop view, a caption probe) by up to 7, because each extra view compared is another
 * chance for an unrelated photo to come close. Different photos came no closer than 17 whole-to-whole and 15
 * over the other pairings.
 */

export const BAND_COUNT = 4;
export const BAND_BITS = 16;
export const WHOLE_MAX_DISTANCE = 11;
export const VIEW_MAX_DISTANCE = 7;

const BIT_STRING = /^[01]{64}$/;

export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hashes of different lengths');
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

/** The hash's four 16-bit bands, most significant first, as integers 0…65535. */
export function hashBands(bits: string): number[] {
  if (!BIT_STRING.test(bits)) throw new Error('a perceptual hash is 64 characters of 0 and 1');
  return Array.from({ length: BAND_COUNT }, (_, i) =>
    parseInt(bits.slice(i * BAND_BITS, (i + 1) * BAND_BITS), 2),
  );
}

/** The radius a band search needs to find every hash within `maxDistance`. */
export function bandRadius(maxDistance: number): number {
  return Math.floor(maxDistance / BAND_COUNT);
}

/** Every 16-bit value within `radius` flipped bits of `value` (1 + 16 + 120 = 137 values for radius 2). */
export function bandNeighbours(value: number, radius: number): number[] {
  const out: number[] = [];
  const visit = (current: number, from: number, left: number) => {
    out.push(current);
    if (left === 0) return;
    for (let bit = from; bit < BAND_BITS; bit++) visit(current ^ (1 << bit), bit + 1, left - 1);
  };
  visit(value, 0, radius);
  return out;
}

/** Per band, the values a stored hash must hold in that band to possibly be within `maxDistance` of a query. */
export function candidateBands(queries: string[], maxDistance: number): number[][] {
  const perBand = Array.from({ length: BAND_COUNT }, () => new Set<number>());
  for (const hash of queries)
    hashBands(hash).forEach((band, i) =>
      bandNeighbours(band, bandRadius(maxDistance)).forEach((v) => perBand[i]!.add(v)),
    );
  return perBand.map((set) => [...set]);
}

/**
 * The matching rule of store/photo-matches.ts in plain code: the smallest qualifying distance between a stored
 * photo and an upload, or null when they do not match.
 */
export function matchDistance(
  stored: { hash: string; crops: string[] },
  upload: { hash: string; probes: string[] },
): number | null {
  const candidates = [
    ...[hammingDistance(stored.hash, upload.hash)].filter((d) => d <= WHOLE_MAX_DISTANCE),
    ...upload.probes.map((p) => hammingDistance(stored.hash, p)).filter((d) => d <= VIEW_MAX_DISTANCE),
    ...stored.crops.map((c) => hammingDistance(c, upload.hash)).filter((d) => d <= VIEW_MAX_DISTANCE),
  ];
  return candidates.length ? Math.min(...candidates) : null;
}
