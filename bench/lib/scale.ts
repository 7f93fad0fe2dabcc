import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CityContext } from '../../server/src/services/app/city-context.js';
import { type Cursor, decodeCursor } from '../../server/src/store/keyset.js';
import {
  type Page,
  queryCitizenReports,
  queryPublicFeed,
  queryQueue,
} from '../../server/src/store/report-queries.js';
import { findReportById } from '../../server/src/store/report-repository.js';
import { candidateQuery } from '../../server/src/services/intake/similar-reports.js';
import { findSimilarCandidates, similarCandidatesQuery } from '../../server/src/store/similar-queries.js';
import { distinctWords } from '../../server/src/text/index.js';
import { kelurahanPoints, SAMPLE_TEXTS } from './report-input.js';
import type { Database } from '../../server/src/store/schema.js';
import { bulkLoad } from './bulk-load.js';
import { explain, type PlanSummary } from './explain.js';
import { medianMs } from './load.js';
import { fixed, ms, printTable } from './table.js';

const RUNS = 5;
const PAGE_SIZE = 20;
const DEEP_PAGE = 10;

interface QueryCase {
  label: string;
  run: (cursor: Cursor | undefined) => Promise<Page<{ created_at: Date; id: string }>>;
  /** Also time page DEEP_PAGE, reached by following the keyset cursor. */
  deep: boolean;
}

interface Measured {
  label: string;
  page: number;
  items: number;
  medianMs: number;
  plan: PlanSummary;
}

export interface ScaleOptions {
  databaseUrl: string;
  city: CityContext;
  rows: number;
}

const LOOKUP_PROBES = 10;

/**
 * The duplicate lookup of LOOKUP_PROBES intakes in flight at once, as the server sends it: new reports in
 * different kelurahan, each with coordinates and a text long enough for the text branch.
 */
async function measureLookup(db: Kysely<Database>, pool: pg.Pool, city: CityContext): Promise<Measured> {
  const settings = city.city.config.duplicates;
  const categories = [...city.city.categories.keys()].sort();
  const queries = kelurahanPoints(city)
    .slice(0, LOOKUP_PROBES)
    .map((point, i) =>
      candidateQuery(
        {
          category: categories[i % categories.length]!,
          lat: point.lat,
          lng: point.lng,
          kelurahanCode: point.code,
          words: distinctWords(SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]!),
        },
        settings,
        new Date(),
      ),
    );
  const found = await findSimilarCandidates(db, queries);
  return {
    label: `duplicate lookup, ${queries.length} intakes at once`,
    page: 1,
    items: found.reduce((n, candidates) => n + candidates.length, 0),
    medianMs: await medianMs(RUNS, () => findSimilarCandidates(db, queries)),
    plan: await explain(pool, similarCandidatesQuery(queries)),
  };
}

/**
 * The read side at city scale: bulk-loads the report table, then times the staff queues, the public feed and
 * a citizen's list through the server's own query functions (median of RUNS), next to the cheapest possible
 * round trips on the same connection pool, and shows how PostgreSQL answered each one.
 */
export async function runScalePhase(options: ScaleOptions): Promise<void> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  let capturing = false;
  let captured: CompiledQuery | null = null;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (capturing && event.level === 'query') captured = event.query;
    },
  });
  try {
    console.log(`\n[scale] bulk-loading ${options.rows.toLocaleString('en')} reports …`);
    const load = await bulkLoad(pool, options.city, options.rows);
    const size = await pool.query<{ table: string; indexes: string; total: string }>(
      `select pg_size_pretty(pg_table_size('report')) as table,
              pg_size_pretty(pg_indexes_size('report')) as indexes, count(*)::text as total from report`,
    );
    const info = size.rows[0]!;
    console.log(
      `  loaded in ${fixed(load.seconds, 1)} s (vacuum analyze included): report holds ${Number(info.total).toLocaleString('en')} rows, ` +
        `table ${info.table}, indexes ${info.indexes}; ${load.citizens.toLocaleString('en')} citizens`,
    );
    const busy = load.busyUnits[0]!.id;
    const counts = await pool.query<{ n: string; open: string }>(
      `select count(*)::text as n,
              count(*) filter (where status in ('menunggu','koordinasi','disposisi','proses','ews'))::text as open
       from report where assigned_unit_id = $1`,
      [busy],
    );
    console.log(
      `  busy units: ${load.busyUnits.map((u) => `${u.id} (${Math.round(u.share * 100)}%)`).join(', ')}; ` +
        `measured: ${busy} with ${Number(counts.rows[0]?.n).toLocaleString('en')} reports, ${counts.rows[0]?.open} open`,
    );

    // The floor every query pays: one round trip, and one row by primary key.
    const pk = await pool.query<{ id: string }>(`select id from report where ticket = $1`, [
      `JBULK${String(Math.ceil(options.rows / 2)).padStart(10, '0')}`,
    ]);
    const pkId = pk.rows[0]!.id;
    const select1 = await medianMs(RUNS, () => sql`select 1`.execute(db));
    const pkLookup = await medianMs(RUNS, () => findReportById(db, pkId));

    const cases: QueryCase[] = [
      {
        label: 'officer queue, open (busy unit)',
        run: (cursor) => queryQueue(db, { unitId: busy, openOnly: true, cursor, limit: PAGE_SIZE }),
        deep: true,
      },
      {
        label: 'officer queue, status=proses (busy unit)',
        run: (cursor) =>
          queryQueue(db, { unitId: busy, statuses: ['proses'], openOnly: true, cursor, limit: PAGE_SIZE }),
        deep: true,
      },
      {
        label: 'verifier queue (menunggu_validasi)',
        run: (cursor) =>
          queryQueue(db, { statuses: ['menunggu_validasi'], openOnly: true, cursor, limit: PAGE_SIZE }),
        deep: true,
      },
      {
        label: 'public feed',
        run: (cursor) => queryPublicFeed(db, { cursor, limit: PAGE_SIZE }),
        deep: true,
      },
      {
        label: 'citizen list (prolific citizen)',
        run: (cursor) => queryCitizenReports(db, load.heavyCitizenId, cursor, PAGE_SIZE),
        deep: true,
      },
      {
        label: 'citizen list (typical citizen)',
        run: (cursor) => queryCitizenReports(db, load.typicalCitizenId, cursor, PAGE_SIZE),
        deep: false,
      },
    ];

    /** Runs the case once to capture its SQL, then times it and explains exactly that SQL. */
    const measureOne = async (c: QueryCase, page: number, cursor: Cursor | undefined): Promise<Measured> => {
      capturing = true;
      captured = null;
      const result = await c.run(cursor);
      capturing = false;
      const query = captured as CompiledQuery | null;
      if (!query) throw new Error(`no query captured for ${c.label}`);
      const time = await medianMs(RUNS, () => c.run(cursor));
      return {
        label: c.label,
        page,
        items: result.items.length,
        medianMs: time,
        plan: await explain(pool, query),
      };
    };

    const measured: Measured[] = [];
    for (const c of cases) {
      measured.push(await measureOne(c, 1, undefined));
      if (!c.deep) continue;
      let cursor: Cursor | undefined;
      let page = 1;
      while (page < DEEP_PAGE) {
        const result = await c.run(cursor);
        if (!result.nextCursor) break;
        cursor = decodeCursor(result.nextCursor);
        page++;
      }
      if (page > 1) measured.push(await measureOne(c, page, cursor));
    }

    measured.push(await measureLookup(db, pool, options.city));

    console.log(
      `\nReads at scale: the server's query functions, median of ${RUNS} runs, ${PAGE_SIZE} per page, later pages by\n` +
        'keyset cursor; "in db": execution time from EXPLAIN ANALYZE (page 10 = the 10th page, or the last one)\n',
    );
    printTable(
      ['', 'page', 'rows', 'ms', 'in db ms', '× select 1', '× PK lookup', 'plan'],
      [
        ['select 1 (round trip)', '', '1', ms(select1), '', '1.0', fixed(select1 / pkLookup, 1), ''],
        [
          'report by primary key',
          '',
          '1',
          ms(pkLookup),
          '',
          fixed(pkLookup / select1, 1),
          '1.0',
          'report_pkey',
        ],
        ...measured.map((m) => [
          m.label,
          String(m.page),
          String(m.items),
          ms(m.medianMs),
          ms(m.plan.executionMs),
          fixed(m.medianMs / select1, 1),
          fixed(m.medianMs / pkLookup, 1),
          m.plan.verdict,
        ]),
      ],
    );
    console.log('\nEXPLAIN (ANALYZE, BUFFERS), condensed\n');
    for (const m of measured) {
      const p = m.plan;
      console.log(
        `  ${m.label}, page ${m.page}: ${p.seqScan ? 'SEQUENTIAL SCAN' : p.indexes.length ? 'index scan' : 'no index'}`,
      );
      console.log(`    ${p.chain}`);
      console.log(
        `    buffers ${p.buffers || '-'}; rows removed by filter ${p.rowsRemovedByFilter}; execution ${ms(p.executionMs)} ms`,
      );
    }
  } finally {
    await db.destroy();
  }
}
