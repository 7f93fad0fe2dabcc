import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { startEmbedded } from './engine/embedded.js';
import { preparePooledStatements } from './engine/prepared-statements.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { Coalescer } from './coalescer.js';
import { insertNewReports, type NewReportRows } from './report-repository.js';
import { type CandidateQuery, findSimilarCandidates, type SimilarCandidate } from './similar-queries.js';
import { TicketSerials } from './ticket-serials.js';
import {
  type ListenOptions,
  type LiveNotifications,
  listenOnPool,
  listenOnServer,
} from './live-notifications.js';
import { parseTimestamptz } from './timestamp-parser.js';

/** Most reports read or written by one intake statement; more wait for the next one. */
const MAX_INTAKE_BATCH = 64;

export type Engine = 'embedded' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Ticket serials, shared by every request of this process so concurrent intakes coalesce. */
  serials: TicketSerials;
  /** Duplicate lookups of concurrent intakes, read together (see Coalescer). */
  similarLookups: Coalescer<CandidateQuery, SimilarCandidate[]>;
  /** New reports of concurrent intakes, written together in one statement and one commit. */
  newReports: Coalescer<NewReportRows, undefined>;
  /** Whether the database answers a trivial query within `timeoutMs` (health checks). */
  ping(timeoutMs: number): Promise<boolean>;
  /** Hears the changed reports the database announces (store/live-notifications.ts), until closed. */
  listenForReportChanges(options: ListenOptions): Promise<LiveNotifications>;
  close(): Promise<void>;
}

// timestamptz → Date is pg's default, read by a faster parser of PostgreSQL's own form (timestamp-parser.ts);
// keep int8 (counts) as strings and convert where read.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
// A `date` is a calendar day ('2026-11-23'), not an instant: read as local midnight it would shift a day in a
// backup made where the process runs east of UTC (Asia/Jakarta), and restore the ticket counter to yesterday.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface OpenOptions {
  databaseUrl: string | null;
  /** Embedded data folder; null = an in-memory embedded database (tests). */
  dataDir: string | null;
  poolSize?: number;
}

export async function openStore(options: OpenOptions): Promise<Store> {
  let pool: pg.Pool;
  let engine: Engine;
  let closeEngine = async () => {};
  if (options.databaseUrl) {
    engine = 'postgres';
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server closes (restart, failover, a forced drop) is discarded by the pool and
    // replaced on demand; without a listener the 'error' event would end the process.
    pool.on('error', () => {});
  } else {
    engine = 'embedded';
    const embedded = await startEmbedded(options.dataDir);
    pool = embedded.pool;
    closeEngine = embedded.close;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparePooledStatements(pool) }) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => {});
    await closeEngine();
    throw error;
  }
  return {
    db,
    engine,
    serials: new TicketSerials(db),
    similarLookups: new Coalescer({
      run: (queries) => findSimilarCandidates(db, queries),
      maxBatch: MAX_INTAKE_BATCH,
    }),
    newReports: new Coalescer({
      run: async (reports) => {
        await insertNewReports(db, reports);
        return reports.map(() => undefined);
      },
      maxBatch: MAX_INTAKE_BATCH,
      retryAlone: true,
    }),
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const answered = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answered, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    listenForReportChanges(listen) {
      return options.databaseUrl ? listenOnServer(options.databaseUrl, listen) : listenOnPool(pool, listen);
    },
    async close() {
      if (engine === 'postgres') await db.destroy();
      else {
        await closeEngine();
      }
    },
  };
}
