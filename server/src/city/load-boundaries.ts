import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoundaryCollection, Region, RegionLevel } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { readCityJson } from './read-city-file.js';

type BoundaryLevel = Exclude<RegionLevel, 'provinsi'>;

const fileOf = (level: BoundaryLevel): string => `boundaries/${level}.geojson`;

/**
 * boundaries/<level>.geojson: one Polygon or MultiPolygon feature per region of that level, identified by
 * its `kode` property. Every region of the level must have exactly one feature and every feature a region.
 */
export async function loadBoundaries(
  dir: string,
  level: BoundaryLevel,
  regions: Map<string, Region>,
): Promise<BoundaryCollection> {
  const file = join(dir, fileOf(level));
  const fc = await readCityJson(dir, fileOf(level));
  if (!isFeatureCollection(fc)) throw new CityDataError(file, null, 'not a GeoJSON FeatureCollection');
  const seen = new Set<string>();
  fc.features.forEach((feature, i) => {
    const where = `feature #${i}`;
    const code: unknown = (feature as { properties?: { kode?: unknown } | null } | null)?.properties?.kode;
    if (typeof code !== 'string')
      throw new CityDataError(file, null, `${where} has no string "kode" property`);
    if (regions.get(code)?.level !== level) {
      throw new CityDataError(file, null, `${where}: kode "${code}" is not a ${level} in regions.csv`);
    }
    if (seen.has(code)) throw new CityDataError(file, null, `${where}: second polygon for kode "${code}"`);
    seen.add(code);
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new CityDataError(
        file,
        null,
        `${where} (kode ${code}): geometry must be Polygon or MultiPolygon`,
      );
    }
  });
  const missing = [...regions.values()].filter((r) => r.level === level && !seen.has(r.code));
  if (missing.length > 0) {
    const list = missing.map((r) => `${r.code} ${r.name}`).join(', ');
    throw new CityDataError(file, null, `no polygon for ${missing.length} ${level}: ${list}`);
  }
  return fc;
}

/** Like loadBoundaries, but returns null when the file is absent (kota and kecamatan outlines are optional). */
export async function loadOptionalBoundaries(
  dir: string,
  level: BoundaryLevel,
  regions: Map<string, Region>,
): Promise<BoundaryCollection | null> {
  try {
    await access(join(dir, fileOf(level)));
  } catch {
    return null;
  }
  return loadBoundaries(dir, level, regions);
}

function isFeatureCollection(value: unknown): value is BoundaryCollection {
  const fc = value as { type?: unknown; features?: unknown } | null;
  return fc?.type === 'FeatureCollection' && Array.isArray(fc.features);
}
