/** Pure measures for finding the same problem reported twice ("laporan serupa"). */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** A box that contains every point within `meters` of the centre (slightly larger, never smaller). */
export function boundingBox(lat: number, lng: number, meters: number): BoundingBox {
  const dLat = (meters / EARTH_RADIUS_M / RAD) * 1.001;
  // The widest longitude span is at the box's edge farthest from the equator.
  const farLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = dLat / Math.cos(farLat * RAD);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** Jaccard similarity |A ∩ B| / |A ∪ B| of a set and a list of distinct words; 0 when either is empty. */
export function jaccard(a: ReadonlySet<string>, distinct: readonly string[]): number {
  if (a.size === 0 || distinct.length === 0) return 0;
  let shared = 0;
  for (const word of distinct) if (a.has(word)) shared++;
  return shared / (a.size + distinct.length - shared);
}

/**
 * Words of which any set at least `threshold` Jaccard-similar to `words` holds one (the "prefix filter" of set
 * similarity joins): J(A, B) ≥ t means |A ∩ B| ≥ t·|A ∪ B| ≥ t·|A|, so B shares at least k = ⌈t·|A|⌉ words with
 * A and cannot miss all of any |A| − k + 1 of them. Longer words first, as they tend to be the rarer ones; the
 * guarantee holds whichever are chosen. Empty when the threshold is not above 0 (then nothing can be ruled out).
 */
export function mustShareOneOf(words: ReadonlySet<string>, threshold: number): string[] {
  if (threshold <= 0 || words.size === 0) return [];
  // The tolerance keeps k from rounding up past the true bound when t·|A| is a whole number in float error.
  const mustShare = Math.max(1, Math.ceil(threshold * words.size - 1e-9));
  const byRarity = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return byRarity.slice(0, words.size - mustShare + 1);
}
