import type { Kysely } from 'kysely';
import { writeReferenceData } from '../../store/reference-data-repository.js';
import type { Database } from '../../store/schema.js';
import type { CityContext } from './city-context.js';

const LEVELS = ['provinsi', 'kota', 'kecamatan', 'kelurahan'] as const;

/**
 * Mirrors the city's data folder into the reference tables (regions, units, categories) so reports can point at
 * them with foreign keys. Idempotent: runs at every start; rows are updated, never deleted.
 */
export async function syncReferenceData(db: Kysely<Database>, ctx: CityContext): Promise<void> {
  const { city, locator } = ctx;
  const regions = LEVELS.flatMap((level) =>
    [...city.regions.values()]
      .filter((r) => r.level === level)
      .map((r) => {
        const point = level === 'kelurahan' ? locator.centroidOf(r.code) : null;
        return {
          code: r.code,
          level,
          name: r.name,
          parent_code: r.parentCode,
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
        };
      }),
  );
  await writeReferenceData(db, {
    regions,
    units: [...city.units.values()].map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      region_code: u.regionCode,
      parent_id: u.parentId,
      sector: u.sector,
      email: u.email,
    })),
    categories: [...city.categories.values()].map((c) => ({
      code: c.code,
      name_id: c.nameId,
      name_en: c.nameEn,
      sector: c.sector,
    })),
  });
}
