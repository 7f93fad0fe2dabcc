import type { MultiPolygon, Polygon, Position } from 'geojson';

const SCANLINES = 15;

/** Shoelace area of a ring in squared degrees (only compared with other rings, so units do not matter). */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1 = 0, y1 = 0] = ring[j] ?? [];
    const [x2 = 0, y2 = 0] = ring[i] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/**
 * Candidate points well inside a polygon (holes respected), best first: on horizontal lines across the
 * largest part, the middle of each stretch that lies inside, widest stretch first. Used where
 * @turf/point-on-feature falls back to a boundary vertex (thin or concave shapes, island groups).
 */
export function interiorCandidates(geometry: Polygon | MultiPolygon): [number, number][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce<Position[][] | undefined>(
    (best, p) => (best === undefined || ringArea(p[0] ?? []) > ringArea(best[0] ?? []) ? p : best),
    undefined,
  );
  const outer = largest?.[0];
  if (!largest || !outer || outer.length < 4) return [];
  const ys = outer.map((p) => p[1] ?? 0);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const found: { width: number; point: [number, number] }[] = [];
  for (let k = 1; k <= SCANLINES; k++) {
    const y = minY + ((maxY - minY) * k) / (SCANLINES + 1);
    const xs: number[] = [];
    for (const ring of largest) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1 = 0, y1 = 0] = ring[j] ?? [];
        const [x2 = 0, y2 = 0] = ring[i] ?? [];
        // half-open test so a vertex exactly on the line is counted once
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const a = xs[i] ?? 0;
      const b = xs[i + 1] ?? 0;
      found.push({ width: b - a, point: [(a + b) / 2, y] });
    }
  }
  return found.sort((p, q) => q.width - p.width).map((c) => c.point);
}
