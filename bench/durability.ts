/**
 * Sigap durability bench: the SIGKILL experiment, repeatable. For each engine the real `sigap start` runs as a
 * child process on fresh data, 32 citizens post reports at once (some with a photo, some with an Idempotency-Key,
 * some naming themselves), and the server is killed with SIGKILL at a random moment, then started again on the
 * same data, K times. After the last restart: every acknowledged ticket must be there as it was sent, no report
 * may be there only in part, the hash chains must verify, and the sweeps must have left nothing behind. A
 * correctness check, not a timing: it exits 1 when anything is lost or half-written. See bench/README.md.
 *
 *   npm run bench:durability                                   # embedded; and PostgreSQL when a URL is set
 *   SIGAP_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:durability -- --kills 9
 *
 * Flags: --kills K (5), --clients N (32), --kill-after MIN-MAX (1500-5000: each kill this many ms after the
 * round's first answer), --seed S (random; printed, so a run can be repeated), --videos N (one report in N carries
 * a video; 0, the default: none), --engines embedded,postgres (both when a URL is set).
 * PostgreSQL: SIGAP_BENCH_PG_URL or DATABASE_URL is an admin URL; a database sigap_bench_<random> is created
 * there and dropped at the end.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCityContext } from '../server/src/services/app/city-context.js';
import { type DurabilityFigures, inspectDurability } from '../server/test/support/durability/inspect.js';
import { type KillRoundsRecord, runKillRounds } from '../server/test/support/durability/kill-rounds.js';
import { DEFAULT_MIX, photoSet } from '../server/test/support/durability/requests.js';
import { createBenchDatabase, describeUrl } from './lib/database.js';
import { backgroundLoad } from './lib/resources.js';
import { printTable } from './lib/table.js';

type EngineName = 'embedded' | 'postgres';

function wholeNumber(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${flag} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

function settingsFrom(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      kills: { type: 'string', default: '5' },
      clients: { type: 'string', default: '32' },
      'kill-after': { type: 'string', default: '1500-5000' },
      seed: { type: 'string' },
      videos: { type: 'string', default: '0' },
      engines: { type: 'string' },
    },
  });
  const pgUrl = process.env.SIGAP_BENCH_PG_URL || process.env.DATABASE_URL || null;
  const engines = (values.engines ?? (pgUrl ? 'embedded,postgres' : 'embedded'))
    .split(',')
    .map((e) => e.trim());
  for (const engine of engines)
    if (engine !== 'embedded' && engine !== 'postgres')
      throw new Error(`--engines takes embedded and/or postgres, got "${engine}"`);
  if (engines.includes('postgres') && !pgUrl)
    throw new Error('the postgres engine needs SIGAP_BENCH_PG_URL or DATABASE_URL (an admin URL)');
  const range = /^(\d+)-(\d+)$/.exec(values['kill-after']);
  if (!range || Number(range[1]) > Number(range[2]))
    throw new Error(`--kill-after takes MIN-MAX in ms, e.g. 1500-5000, got "${values['kill-after']}"`);
  return {
    kills: wholeNumber('kills', values.kills, 1),
    clients: wholeNumber('clients', values.clients, 1),
    videoEvery: wholeNumber('videos', values.videos, 0),
    killAfterMs: [Number(range[1]), Number(range[2])] as [number, number],
    seed:
      values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber('seed', values.seed, 0),
    engines: engines as EngineName[],
    pgUrl,
  };
}

type Settings = ReturnType<typeof settingsFrom>;

interface EngineResult {
  engine: EngineName;
  record: KillRoundsRecord;
  figures: DurabilityFigures;
}

async function runEngine(engine: EngineName, settings: Settings): Promise<EngineResult> {
  const database = engine === 'postgres' ? await createBenchDatabase(settings.pgUrl!) : null;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-durability-'));
  const where = database
    ? `database ${database.name} on ${describeUrl(database.url)} (PostgreSQL ${database.serverVersion.split(' ')[0]}), media in ${dataDir}`
    : `data folder ${dataDir}`;
  console.log(`\n${engine}: ${where}`);
  // Ctrl-C: the servers get it too (one process group); the database and the folder are this process's to remove
  const onInterrupt = () => {
    console.error(`\ninterrupted: removing ${database ? `${database.name} and ` : ''}${dataDir}`);
    void Promise.allSettled([database?.drop(), fs.rm(dataDir, { recursive: true, force: true })]).finally(
      () => process.exit(130),
    );
  };
  process.once('SIGINT', onInterrupt);
  try {
    const [city, photos] = await Promise.all([
      loadCityContext(null),
      photoSet(6, { video: settings.videoEvery > 0 }),
    ]);
    const run = { databaseUrl: database?.url ?? null, dataDir, photos };
    const record = await runKillRounds({
      ...run,
      city,
      clients: settings.clients,
      kills: settings.kills,
      seed: settings.seed,
      killAfterMs: settings.killAfterMs,
      mix: { ...DEFAULT_MIX, videoEvery: settings.videoEvery },
      progress: (line) => console.log(line),
    });
    console.log('  stopped (SIGTERM) after the last restart; inspecting the database and the media folder …');
    const figures = await inspectDurability({ ...run, record });
    return { engine, record, figures };
  } finally {
    process.off('SIGINT', onInterrupt);
    await database
      ?.drop()
      .catch((error: unknown) => console.error(`could not drop ${database.name}: ${String(error)}`));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};

/** What makes the run fail: anything lost or half-written, a replay answered differently, a broken history. */
function failures({ record, figures }: EngineResult): string[] {
  const failed: string[] = [];
  if (figures.lost > 0) failed.push(`${figures.lost} acknowledged reports lost`);
  if (figures.halfWritten > 0) failed.push(`${figures.halfWritten} reports half-written`);
  if (figures.found !== figures.acknowledged - figures.lost - figures.halfWritten)
    failed.push('found ≠ acknowledged − lost − half-written');
  if (figures.historyProblems > 0) failed.push(`${figures.historyProblems} history problems (audit verify)`);
  if (figures.orphanedOutbox > 0) failed.push(`${figures.orphanedOutbox} orphaned outbox rows`);
  if (figures.videosFailed > 0) failed.push(`${figures.videosFailed} videos whose transcoding failed`);
  if (figures.leftBehind > 0) failed.push(`${figures.leftBehind} files left behind by the sweeps`);
  if (record.replayMismatches.length > 0)
    failed.push(`${record.replayMismatches.length} Idempotency-Key replays answered differently`);
  if (record.refused.length > 0) failed.push(`${record.refused.length} reports refused (not 201)`);
  if (record.stopExitCode !== 0) failed.push(`the last stop was not clean (exit ${record.stopExitCode})`);
  return failed;
}

function printResults(results: EngineResult[], settings: Settings): void {
  console.log(
    `\n${settings.clients} clients, ${settings.kills} SIGKILLs per engine, each ${settings.killAfterMs.join('–')} ms ` +
      `after the round's first answer (seed ${settings.seed})\n`,
  );
  const row = (label: string, value: (r: EngineResult) => string | number) => [
    label,
    ...results.map((r) => String(value(r))),
  ];
  printTable(
    ['', ...results.map((r) => r.engine)],
    [
      row('acknowledged (201 received)', (r) => r.figures.acknowledged),
      row('found, as sent', (r) => r.figures.found),
      row('lost', (r) => r.figures.lost),
      row('half-written', (r) => r.figures.halfWritten),
      row('stored, answer cut off by a kill', (r) => r.figures.storedUnacknowledged),
      row('cut off without a key (unknown to the client)', (r) => r.record.cutOffWithoutKey),
      row('cut off with a key, sent again → 201', (r) => r.record.resent),
      row(
        'Idempotency-Key replays (answered differently)',
        (r) => `${r.record.replays} (${r.record.replayMismatches.length})`,
      ),
      row('refused (not 201)', (r) => r.record.refused.length),
      row('exit code of the last stop (SIGTERM)', (r) => String(r.record.stopExitCode)),
      row('history problems (audit verify)', (r) => r.figures.historyProblems),
      row('orphaned outbox rows', (r) => r.figures.orphanedOutbox),
      row(
        'videos: transcoding queued / failed / owed nowhere',
        (r) => `${r.figures.videosPending} / ${r.figures.videosFailed} / ${r.figures.videosStuck}`,
      ),
      row('staged files left by the kills → swept', (r) => r.record.stagedAfterKills),
      row('files left behind after the sweeps', (r) => r.figures.leftBehind),
      row('garbage of cut-off work (.tmp, ffmpeg folders)', (r) => r.figures.cutOffGarbage),
      row('first start (ms)', (r) => r.record.firstStartMs),
      row('restart after a kill, median (ms)', (r) => median(r.record.restartMs)),
      row('restart after a kill, max (ms)', (r) => Math.max(...r.record.restartMs)),
    ],
  );
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2));
  console.log(
    `Sigap durability bench: ${settings.clients} clients, ${settings.kills} SIGKILLs, engines: ${settings.engines.join(', ')}; ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const busy = await backgroundLoad();
  console.log(
    `  machine busy before the run: ${busy.toFixed(0)}% of all cores, load average ${os.loadavg()[0]!.toFixed(1)}` +
      (busy > 10 || os.loadavg()[0]! > os.cpus().length
        ? ' (WARNING: start and restart times below will be long; the correctness figures still hold)'
        : ''),
  );
  const results: EngineResult[] = [];
  for (const engine of settings.engines) results.push(await runEngine(engine, settings));
  printResults(results, settings);
  let code = 0;
  for (const result of results) {
    for (const problem of result.figures.problems.slice(0, 10)) console.log(`  ${result.engine}: ${problem}`);
    const failed = failures(result);
    if (failed.length) {
      console.error(`\n${result.engine}: FAILED: ${failed.join('; ')}`);
      code = 1;
    }
    if (result.figures.cutOffGarbage > 0)
      console.log(
        `\n${result.engine}: note: ${result.figures.cutOffGarbage} files of work a kill cut off stay behind (.tmp files ` +
          'in media/staging, ffmpeg work folders in tmp/): nothing sweeps them yet; garbage, not data',
      );
  }
  if (code === 0) console.log('\nevery acknowledged report survived whole; nothing half-written');
  return code;
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
