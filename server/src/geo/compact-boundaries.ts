import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { simplify } from '@turf/simplify';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BoundaryCollection } from '../city/city-types.js';
import { interiorCandidates } from './interior-points.js';

/**
 * A city's region outlines made small enough for a phone's map: simplified (Douglas–Peucker through
 * @turf/simplify, keeping the shape's topology) and rounded to five decimals (about a metre), with only each
 * region's code, name and a point for its label kept. The map draws them as its base layer; locating a report never uses this copy
 * (the kelurahan locator reads the full boundaries).
 */
export interface CompactBoundaries {
  /** The GeoJSON text, as sent. */
  json: string;
  /** The same, gzipped once, for clients that accept it (nearly all). */
  gzip: Buffer;
  /** A strong validator over the text: the city data changes only with a restart. */
  etag: string;
  features: number;
}

/**
 * Degrees: about 11 m at Jakarta's latitude (5 px at the pin's zoom). Jakarta's outlines are already sparse
 * (14 000 points; 0.0002 would drop a third): most of the saving is the rounding, 607 KB → 332 KB with the label
 * points, 74 KB gzipped.
 */
export const SIMPLIFY_TOLERANCE = 0.0001;
const round = (n: number) => Math.round(n * 1e5) / 1e5;

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [lng, lat] of ring) {
    const point = [round(lng!), round(lat!)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function roundGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  // a ring that rounding shrank below a triangle (a speck of an island) is dropped
  const rings = (polygon: Position[][]) => polygon.map(roundRing).filter((ring) => ring.length >= 4);
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rings(geometry.coordinates) };
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map(rings).filter((polygon) => polygon.length > 0),
  };
}

export function compactBoundaries(collection: BoundaryCollection): CompactBoundaries {
  const features = collection.features.map((feature) => {
    const simple = simplify(feature, { tolerance: SIMPLIFY_TOLERANCE, highQuality: false, mutate: false });
    // where the map writes the region's name: well inside its largest part
    const inside = interiorCandidates(feature.geometry)[0];
    return {
      type: 'Feature' as const,
      properties: {
        code: feature.properties.kode,
        name: feature.properties.nama ?? feature.properties.kode,
        ...(inside ? { label: [round(inside[0]), round(inside[1])] } : {}),
      },
      geometry: roundGeometry(simple.geometry),
    };
  });
  const json = JSON.stringify({ type: 'FeatureCollection', features });
  return {
    json,
    gzip: gzipSync(json, { level: 9 }),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
    features: features.length,
  };
}
