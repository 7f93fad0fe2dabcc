import type { Insertable, Kysely } from 'kysely';
import { parentsFirst } from './parents-first.js';
import type { CategoryTable, Database, RegionTable, UnitTable } from './schema.js';

const CHUNK = 500;

async function upsertChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export interface ReferenceRows {
  /** Regions, provinces first, then kota, kecamatan and kelurahan, so foreign keys hold while inserting. */
  regions: Insertable<RegionTable>[];
  units: Insertable<UnitTable>[];
  categories: Insertable<CategoryTable>[];
}

/** Upserts the reference tables in one transaction; rows are updated, never deleted. */
export async function writeReferenceData(db: Kysely<Database>, rows: ReferenceRows): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await upsertChunks(rows.regions, (chunk) =>
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
    // parents first, so every parent_id points at a row already written
    await upsertChunks(parentsFirst(rows.units), (chunk) =>
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
    await tx
      .insertInto('category')
      .values(rows.categories)
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
