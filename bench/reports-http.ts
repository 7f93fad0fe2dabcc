/**
 * Sigap intake benchmark: how many citizen reports per second the real server takes over HTTP, against the
 * ceiling of the bare database (the same rows written through the same driver), and optionally how the
 * staff queues and the public feed read once the report table holds a city's year of reports.
 *
 *   cd server && npm run bench                           # intake phases (~30 s on 2 cores)
 *   cd server && BENCH_SCALE_ROWS=1000000 npm run bench  # plus the read phase over 1M reports
 *
 * Env: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres; a database
 * sigap_bench_<random> is created there and dropped at the end), BENCH_CONCURRENCY (32,64,128), BENCH_REPORTS (8000),
 * BENCH_SCALE_ROWS (0 = skip the read phase), BENCH_WORKERS (1), BENCH_INPUTS (corpus | repeated), and
 * BENCH_SERVER_NODE_ARGS (extra Node flags for the server, e.g. for --cpu-prof). See bench/README.md.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { readCorpus } from '../server/src/classify/corpus.js';
import { configFromEnv } from '../server/src/config.js';
import type { AppContext } from '../server/src/services/app/app-context.js';
import { preparePooledStatements } from '../server/src/store/engine/prepared-statements.js';
import { bootContext } from '../server/src/services/app/boot.js';
import { runBareInsert } from './lib/bare-insert.js';
import { type BenchDatabase, createBenchDatabase, DEFAULT_ADMIN_URL, describeUrl } from './lib/database.js';
import { runHttpLoad } from './lib/http-load.js';
import {
  BUSY_WARNING_PCT,
  type IntakeResults,
  type Phase,
  printIntake,
  printSummary,
} from './lib/intake-tables.js';
import { summarize } from './lib/load.js';
import { type InputMix, reportInputs } from './lib/report-input.js';
import { backgroundLoad, type ResourceUse, measureResources } from './lib/resources.js';
import { runScalePhase } from './lib/scale.js';
import { type ServerProcess, startServerProcess } from './lib/server-process.js';
import { runServiceLoad } from './lib/service-load.js';
import { fixed } from './lib/table.js';

/** openStore's default pool size: bootContext does not pass `poolSize`, so the server runs with this many. */
const SERVER_POOL_SIZE = 10;
const WARMUP = 200;
/** Runs of the bare ceiling (phase 4); the best one counts. */
const CEILING_RUNS = 3;

/** Runs a phase and measures the resources it used from the moment it calls `start` (after its warm-up). */
async function measured<T>(
  phase: (start: () => void) => Promise<T>,
  serverPids?: () => number[],
): Promise<[T, ResourceUse]> {
  const meter: { stop: (() => ResourceUse) | null } = { stop: null };
  const result = await phase(() => {
    meter.stop = measureResources(serverPids);
  });
  if (!meter.stop) throw new Error('the phase never started its measured part');
  return [result, meter.stop()];
}

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  levels: concurrencyLevels(process.env.BENCH_CONCURRENCY),
  reports: envInt('BENCH_REPORTS', 8000, 1),
  workers: envInt('BENCH_WORKERS', 1, 1),
  scaleRows: envInt('BENCH_SCALE_ROWS', 0, 0),
  inputs: inputMix(process.env.BENCH_INPUTS),
};

/** Client counts to run the intake phases at, e.g. "32,64,128"; each side's best level is its capacity. */
function concurrencyLevels(raw: string | undefined): number[] {
  if (raw === undefined || raw === '') return [32, 64, 128];
  const levels = raw.split(',').map((part) => Number(part.trim()));
  if (levels.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_CONCURRENCY must be whole numbers ≥ 1 separated by commas, got "${raw}"`);
  return levels;
}

function inputMix(raw: string | undefined): InputMix {
  if (raw === undefined || raw === '' || raw === 'corpus') return 'corpus';
  if (raw === 'repeated') return 'repeated';
  throw new Error(`BENCH_INPUTS must be corpus or repeated, got "${raw}"`);
}

async function countReports(ctx: AppContext, ticketPattern: string): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ticket', 'like', ticketPattern)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Phases 1–4: the same reports through HTTP, through the service, and straight into the database twice. */
async function runIntake(
  ctx: AppContext,
  server: ServerProcess,
  databaseUrl: string,
  concurrency: number,
): Promise<IntakeResults | null> {
  const { reports } = settings;
  const complaints = await readCorpus(
    configFromEnv(process.env).corpusDir,
    'examples',
    new Set(ctx.city.city.categories.keys()),
  );
  // Phase 2 sends reports of its own: the same ones again would all be look-alikes of phase 1's
  const perPhase = WARMUP + reports;
  const all = reportInputs(ctx.city, 2 * perPhase, settings.inputs, complaints);
  const inputs = all.slice(0, perPhase);
  const serviceInputs = all.slice(perPhase);

  // 1. HTTP: the real server in its own processes, driven from a load generator in a thread of this one
  console.log(`\n${concurrency} clients`);
  console.log('[1/4] HTTP: POST /api/v1/reports …');
  const [http, httpUse] = await measured(
    (start) =>
      runHttpLoad(
        {
          url: `http://127.0.0.1:${server.port}/api/v1/reports`,
          concurrency,
          warmup: WARMUP,
          total: reports,
          bodies: inputs.map((input) => JSON.stringify(input)),
        },
        start,
      ),
    server.pids,
  );
  if (http.failures > 0) {
    console.error(
      `\n${http.failures} of ${WARMUP + reports} requests were not answered 201 ` +
        `(${http.warmupFailures} during warm-up); measured answers by status: ${JSON.stringify(http.statusCounts)}`,
    );
    console.error(`first failure: HTTP ${http.firstFailure?.status}\n${http.firstFailure?.body}`);
    return null;
  }
  const stored = await countReports(ctx, 'JK%');
  if (stored !== WARMUP + reports)
    throw new Error(`expected ${WARMUP + reports} stored reports after the HTTP phase, found ${stored}`);

  // 2. The same service without HTTP, to split the cost between the HTTP layer and the intake itself
  console.log('[2/4] service: createReport() in-process …');
  const [service, serviceUse] = await measured((start) =>
    runServiceLoad(ctx, serviceInputs, concurrency, WARMUP, reports, start),
  );

  // 3 and 4. The bare database: the same rows, the same driver and pool size, no application code
  // The server's own driver setup: every parameterised statement is prepared once per connection
  const pool = preparePooledStatements(new pg.Pool({ connectionString: databaseUrl, max: SERVER_POOL_SIZE }));
  try {
    const bare = { pool, city: ctx.city, inputs, concurrency, warmup: WARMUP, total: reports };
    console.log('[3/4] bare database: one report at a time (counter upsert; citizen + report + event) …');
    const [sequence, sequenceUse] = await measured((start) =>
      runBareInsert({ ...bare, mode: 'server-sequence', onMeasureStart: start }),
    );
    // The ceiling is the best of a few runs: one short run is at the mercy of whatever else the machine did
    const minimalRuns: Phase[] = [];
    for (let round = 1; round <= CEILING_RUNS; round++) {
      console.log(`[4/4] bare database: report + event in one statement (run ${round} of ${CEILING_RUNS}) …`);
      const [run, use] = await measured((start) =>
        runBareInsert({ ...bare, mode: 'minimal', round, onMeasureStart: start }),
      );
      minimalRuns.push({ run, use });
    }
    const best = (a: Phase, b: Phase) => (summarize(b.run).perSecond > summarize(a.run).perSecond ? b : a);
    const minimal = minimalRuns.reduce(best);
    console.log(
      `      ceiling runs: ${minimalRuns.map((p) => fixed(summarize(p.run).perSecond, 0)).join(', ')} reports/s; the best counts`,
    );
    return {
      http: { run: http, use: httpUse, clientLoopPct: http.clientLoopPct },
      service: { run: service, use: serviceUse },
      sequence: { run: sequence, use: sequenceUse },
      minimal,
    };
  } finally {
    await pool.end();
  }
}

/** Removes what the intake phases wrote, so every concurrency level starts from the same empty tables. */
async function resetIntake(ctx: AppContext): Promise<void> {
  await sql`truncate report, report_event, report_link, attachment, citizen, reporter_identity, ticket_counter cascade`.execute(
    ctx.store.db,
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  console.log('Sigap benchmark: POST /api/v1/reports against the bare database');
  const db: BenchDatabase = await createBenchDatabase(settings.adminUrl);
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\ninterrupted: dropping ${db.name}`);
    void db.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-bench-'));
  let ctx: AppContext | null = null;
  let server: ServerProcess | null = null;
  try {
    ctx = await bootContext({
      ...configFromEnv({}),
      dataDir,
      databaseUrl: db.url,
      logLevel: 'warn',
      port: 0,
    });
    server = await startServerProcess({ databaseUrl: db.url, dataDir, workers: settings.workers });
    console.log(
      `  database ${db.name} on ${describeUrl(db.url)} (PostgreSQL ${db.serverVersion.split(' ')[0]}); ` +
        `server: sigap start, ${settings.workers} process(es), on 127.0.0.1:${server.port}`,
    );
    console.log(
      `  ${os.cpus().length} CPUs, Node ${process.version}; ${settings.levels.join(', ')} clients in turn, ` +
        `${settings.reports} reports per phase after ${WARMUP} warm-up; pool ${SERVER_POOL_SIZE} connections per process; ` +
        `inputs: ${settings.inputs}`,
    );
    const busyBefore = await backgroundLoad();
    console.log(`  machine busy before the run: ${fixed(busyBefore, 0)}% of all cores`);
    if (busyBefore > BUSY_WARNING_PCT)
      console.log('  WARNING: something else is using the CPU; the figures below will be low and noisy');

    const levels: { concurrency: number; results: IntakeResults }[] = [];
    for (const concurrency of settings.levels) {
      if (levels.length > 0) await resetIntake(ctx);
      const results = await runIntake(ctx, server, db.url, concurrency);
      if (!results) return 1;
      printIntake(results, { concurrency, reports: settings.reports, workers: settings.workers });
      levels.push({ concurrency, results });
    }
    printSummary(levels);

    if (settings.scaleRows > 0) {
      await server.stop();
      server = null;
      await runScalePhase({ databaseUrl: db.url, city: ctx.city, rows: settings.scaleRows });
    }
    console.log(`\ndone in ${fixed((Date.now() - started) / 1000, 1)} s`);
    return 0;
  } finally {
    await server?.stop().catch(() => {});
    await ctx?.store.close().catch(() => {});
    await db.drop().catch((error: unknown) => console.error(`could not drop ${db.name}: ${String(error)}`));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
