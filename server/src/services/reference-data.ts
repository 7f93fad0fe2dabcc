import type { Kysely } from 'kysely';
import { parentsFirst } from '../store/parents-first.js';
import type { Database } from '../store/schema.js';
import type { CityContext } from './city-context.js';

const CHUNK = 500;

async function upsertChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * Mirrors the city's data folder into the reference tables (regions, units, categories) so reports can point at
 * them with foreign keys. Idempotent: runs at every start; rows are updated, never deleted.
 */
export async function syncReferenceData(db: Kysely<Database>, ctx: CityContext): Promise<void> {
  const { city, locator } = ctx;
  // parents first, so foreign keys hold while inserting
  const levels = ['provinsi', 'kota', 'kecamatan', 'kelurahan'] as const;
  await db.transaction().execute(async (tx) => {
    for (const level of levels) {
      const regions = [...city.regions.values()]
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
        });
      await upsertChunks(regions, (chunk) =>
        tx
          .insertInto('region')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              parent_code: eb.ref('excluded.parent_code'),
              lat: eb.ref('excluded.lat'),
              lng: eb.ref('excluded.lng'),
            })),
          )
          .execute(),
      );
    }
    // parents first, so every parent_id points at a row already written
    const units = parentsFirst(
      [...city.units.values()].map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        region_code: u.regionCode,
        parent_id: u.parentId,
        sector: u.sector,
        email: u.email,
      })),
    );
    await upsertChunks(units, (chunk) =>
      tx
        .insertInto('unit')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            region_code: eb.ref('excluded.region_code'),
            parent_id: eb.ref('excluded.parent_id'),
            sector: eb.ref('excluded.sector'),
            email: eb.ref('excluded.email'),
          })),
        )
        .execute(),
    );
    const categories = [...city.categories.values()].map((c) => ({
      code: c.code,
      name_id: c.nameId,
      name_en: c.nameEn,
      sector: c.sector,
    }));
    await tx
      .insertInto('category')
      .values(categories)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_id: eb.ref('excluded.name_id'),
          name_en: eb.ref('excluded.name_en'),
          sector: eb.ref('excluded.sector'),
        })),
      )
      .execute();
  });
}
