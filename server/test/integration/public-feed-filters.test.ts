import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncReferenceData } from '../../src/services/app/reference-data.js';
import type { Store } from '../../src/store/database.js';
import { decodeCursor, type Cursor } from '../../src/store/keyset.js';
import {
  type FeedFilter,
  publicFeedQuery,
  queryPublicFeed,
  queueQuery,
} from '../../src/store/report-queries.js';
import type { Database } from '../../src/store/schema.js';
import { jakarta } from '../support/test-app.js';
import { openTestStore, testEngines } from '../support/test-store.js';

// Kelurahan of three kota: Gambir (Jakarta Pusat), Menteng (Jakarta Pusat), Penjaringan (Jakarta Utara), and
// Pulau Panggang (Kepulauan Seribu)
const PLACES = ['31.71.01.1001', '31.71.06.1001', '31.72.01.1001', '31.01.01.1001'];
const CATEGORIES = ['jalan', 'sampah', 'banjir'];
const UNIT = 'kel-3171011001';

interface Seeded {
  ticket: string;
  kelurahan: string;
  category: string;
  isPrivate: boolean;
  visibility: string;
  status: string;
  createdAt: Date;
}

/** Reports over every place and category: some private, some hidden or removed, one merged away. */
function seeds(): Seeded[] {
  const start = Date.parse('2026-11-01T00:00:00Z');
  return Array.from({ length: 60 }, (_, i) => ({
    ticket: `JKTEST${String(i).padStart(4, '0')}`,
    kelurahan: PLACES[i % PLACES.length]!,
    category: CATEGORIES[(i * 7) % CATEGORIES.length]!,
    isPrivate: i % 5 === 0,
    visibility: i % 11 === 3 ? 'hidden' : i % 13 === 4 ? 'removed' : 'visible',
    status: i === 17 ? 'digabung' : i % 3 === 0 ? 'selesai' : 'menunggu',
    // two reports share each instant, so the cursor's tie-break on id is exercised
    createdAt: new Date(start + Math.floor(i / 2) * 60_000),
  }));
}

async function insert(db: Kysely<Database>, rows: Seeded[]): Promise<void> {
  for (const r of rows)
    await sql`
      insert into report (id, ticket, status, category_code, text, kelurahan_code, channel, is_private,
        is_anonymous, visibility, assigned_unit_id, escalation_level, sla_clock, response_due_at,
        completion_due_at, reopen_count, event_count, created_at, updated_at)
      values (gen_random_uuid(), ${r.ticket}, ${r.status}, ${r.category}, 'uji', ${r.kelurahan}, 'web',
        ${r.isPrivate}, false, ${r.visibility}, ${UNIT}, 0, 'working', ${r.createdAt}, ${r.createdAt}, 0, 1,
        ${r.createdAt}, ${r.createdAt})`.execute(db);
}

/** Every page of the feed, following the cursors: the tickets in the order read. */
async function readAll(
  db: Kysely<Database>,
  filter: Omit<FeedFilter, 'limit' | 'cursor'>,
): Promise<string[]> {
  const tickets: string[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await queryPublicFeed(db, { ...filter, cursor, limit: 4 });
    tickets.push(...page.items.map((r) => r.ticket));
    if (!page.nextCursor) return tickets;
    cursor = decodeCursor(page.nextCursor);
  }
}

/** What the feed must answer: public, visible, not merged away, matching, newest first (ties: larger id first). */
function expected(rows: Seeded[], match: (r: Seeded) => boolean): Set<string> {
  return new Set(
    rows
      .filter((r) => !r.isPrivate && r.visibility === 'visible' && r.status !== 'digabung' && match(r))
      .map((r) => r.ticket),
  );
}

/** The plan's text, with sequential scans ruled out: which index can serve the query at all. */
async function planOf(store: Store, filter: FeedFilter): Promise<string> {
  const compiled = publicFeedQuery(store.db, filter);
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    );
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

const literal = (v: unknown) => `'${(v instanceof Date ? v.toISOString() : String(v)).replace(/'/g, "''")}'`;

/**
 * The plan PostgreSQL settles on for a statement the server prepares (every parameterised one is: see
 * engine/prepared-statements.ts), made without the parameters' values.
 */
async function genericPlanOf(store: Store, compiled: CompiledQuery): Promise<string> {
  return store.db.transaction().execute(async (trx) => {
    await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
    await trx.executeQuery(CompiledQuery.raw(`prepare generic_plan as ${compiled.sql}`));
    const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain execute generic_plan(${compiled.parameters.map(literal).join(', ')})`),
    );
    await trx.executeQuery(CompiledQuery.raw('deallocate generic_plan'));
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe.each(testEngines())('the public feed by category and kota, on %s', (engine) => {
  let store: Store;
  const rows = seeds();
  beforeAll(async () => {
    store = await openTestStore(engine);
    await syncReferenceData(store.db, await jakarta());
    await insert(store.db, rows);
  });
  afterAll(async () => store?.close());

  test('a kota, a category, both, or a status: exactly the matching public reports, newest first, page by page', async () => {
    const cases: [Omit<FeedFilter, 'limit' | 'cursor'>, (r: Seeded) => boolean][] = [
      [{}, () => true],
      [{ kotaPrefix: '31.71' }, (r) => r.kelurahan.startsWith('31.71.')],
      [{ kotaPrefix: '31.01' }, (r) => r.kelurahan.startsWith('31.01.')],
      [{ category: 'sampah' }, (r) => r.category === 'sampah'],
      [
        { category: 'jalan', kotaPrefix: '31.72' },
        (r) => r.category === 'jalan' && r.kelurahan.startsWith('31.72.'),
      ],
      [{ status: 'selesai', category: 'banjir' }, (r) => r.status === 'selesai' && r.category === 'banjir'],
    ];
    for (const [filter, match] of cases) {
      const read = await readAll(store.db, filter);
      expect(new Set(read), JSON.stringify(filter)).toEqual(expected(rows, match));
      expect(read.length, JSON.stringify(filter)).toBe(new Set(read).size);
      const times = read.map((t) => rows.find((r) => r.ticket === t)!.createdAt.getTime());
      expect(times, JSON.stringify(filter)).toEqual([...times].sort((a, b) => b - a));
    }
  });

  test('a category or kota with no public report answers an empty page', async () => {
    for (const filter of [{ category: 'tidak_ada' }, { kotaPrefix: '31.99' }, { kotaPrefix: '31.7' }])
      expect(await readAll(store.db, filter), JSON.stringify(filter)).toEqual([]);
  });

  test('a category page and a kota page can each be read from an index of their own', async () => {
    const category = await planOf(store, { category: 'sampah', limit: 20 });
    expect(category).toContain('report_public_category_idx');
    const kota = await planOf(store, { kotaPrefix: '31.71', limit: 20 });
    expect(kota).toContain('report_public_kota_idx');
  });

  test('prepared, the feed and an open or overdue queue keep their partial indexes', async () => {
    const feed = await genericPlanOf(store, publicFeedQuery(store.db, { limit: 20 }));
    expect(feed).toContain('report_public_feed_idx');
    const open = { unitId: UNIT, openOnly: true, limit: 20 };
    expect(await genericPlanOf(store, queueQuery(store.db, open))).toContain('report_open_queue_idx');
    const overdue = { ...open, overdueAt: new Date('2026-11-20T00:00:00Z') };
    expect(await genericPlanOf(store, queueQuery(store.db, overdue))).toContain('report_open_queue_idx');
  });
});
