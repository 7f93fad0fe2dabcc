import type { MultiPolygon, Polygon } from 'geojson';

/**
 * A Polygon or MultiPolygon flattened for fast point tests: every ring (outer rings and holes of every part)
 * as closed x,y pairs in one Float64Array, with each ring's start and bounding box.
 */
export interface CompiledArea {
  /** x0, y0, x1, y1, … of all rings; each ring repeats its first vertex at its end. */
  coords: Float64Array;
  /** Ring r occupies coords[ringStart[r] .. ringStart[r + 1]). */
  ringStart: Int32Array;
  /** minX, minY, maxX, maxY per ring. */
  ringBox: Float64Array;
  /** minX, minY, maxX, maxY of the whole area. */
  box: [number, number, number, number];
}

export function compileArea(geometry: Polygon | MultiPolygon): CompiledArea {
  const rings = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .flat()
    .filter((ring) => ring.length >= 3);
  if (rings.length === 0) throw new Error('the geometry has no ring of three or more points');
  const closed = rings.map((ring) => {
    const [fx, fy] = ring[0] ?? [];
    const [lx, ly] = ring[ring.length - 1] ?? [];
    return fx === lx && fy === ly ? ring : [...ring, ring[0] ?? []];
  });
  const total = closed.reduce((n, ring) => n + ring.length * 2, 0);
  const coords = new Float64Array(total);
  const ringStart = new Int32Array(closed.length + 1);
  const ringBox = new Float64Array(closed.length * 4);
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let at = 0;
  closed.forEach((ring, r) => {
    ringStart[r] = at;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x = NaN, y = NaN] of ring) {
      if (!Number.isFinite(x) || !Number.isFinite(y))
        throw new Error('a ring has a coordinate that is not a number');
      coords[at++] = x;
      coords[at++] = y;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    ringBox.set([minX, minY, maxX, maxY], r * 4);
    box[0] = Math.min(box[0], minX);
    box[1] = Math.min(box[1], minY);
    box[2] = Math.max(box[2], maxX);
    box[3] = Math.max(box[3], maxY);
  });
  ringStart[closed.length] = at;
  return { coords, ringStart, ringBox, box };
}

/**
 * Even-odd ray casting over all rings at once: a point inside a hole crosses its outer ring and the hole,
 * so it counts as outside; parts of a MultiPolygon are disjoint, so at most one of them counts. Crossings
 * are half-open in y, so a point on an edge shared by two neighbours belongs to exactly one of them.
 */
export function areaContains(area: CompiledArea, x: number, y: number): boolean {
  const { coords: c, ringStart, ringBox: b } = area;
  let inside = false;
  for (let r = 0, rings = ringStart.length - 1; r < rings; r++) {
    const k = r * 4;
    // outside a ring's box a ray crosses that ring an even number of times (or never)
    if (x < b[k]! || y < b[k + 1]! || x > b[k + 2]! || y > b[k + 3]!) continue;
    const end = ringStart[r + 1]!;
    let px = c[ringStart[r]!]!;
    let py = c[ringStart[r]! + 1]!;
    for (let i = ringStart[r]! + 2; i < end; i += 2) {
      const qx = c[i]!;
      const qy = c[i + 1]!;
      if (qy > y !== py > y && x < px + ((y - py) * (qx - px)) / (qy - py)) inside = !inside;
      px = qx;
      py = qy;
    }
  }
  return inside;
}
