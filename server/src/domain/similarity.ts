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

/** Jaccard similarity of two token sets: |A ∩ B| / |A ∪ B|, 0 when either is empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}
