import { type Kysely, sql } from 'kysely';

// The public feed narrowed to a category or a kota read the whole feed index newest first and threw away the
// other rows: ~500 rows a page for an average category at 1M reports, ~850 for Kepulauan Seribu, and, for a
// category or kota with no public report (the route accepts any), the whole table (a parallel sequential scan,
// ~150–190 ms of PostgreSQL time per request, for anyone who asks). Each index holds the public reports only,
// in the feed's order, so a filtered page reads its 21 rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index report_public_category_idx on report (category_code, created_at desc, id desc)
      where is_private = false and visibility = 'visible';
    create index report_public_kota_idx on report (left(kelurahan_code, 5), created_at desc, id desc)
      where is_private = false and visibility = 'visible';
  `.execute(db);
}
