import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { mulberry32 } from '../../../src/domain/random.js';
import type { CityContext } from '../../../src/services/app/city-context.js';
import { type CliServer, exited, startCli, untilReady } from '../cli-server.js';
import {
  type Answer,
  DEFAULT_MIX,
  type PhotoSet,
  type RequestMix,
  reportSupply,
  send,
  type SentReport,
} from './requests.js';

export interface KillRoundsOptions {
  /** null: the embedded engine in `dataDir`; otherwise a PostgreSQL database (media still in `dataDir`). */
  databaseUrl: string | null;
  dataDir: string;
  city: CityContext;
  photos: PhotoSet;
  clients: number;
  kills: number;
  seed: number;
  /** The SIGKILL comes this long after the round's first answer (a seeded random moment in the range). */
  killAfterMs: [number, number];
  mix?: RequestMix;
  /** A line of progress (the bench prints them; the test stays quiet). */
  progress?: (line: string) => void;
}

export interface Acknowledged {
  sent: SentReport;
  answer: Answer;
  round: number;
}

export interface KillRoundsRecord {
  acknowledged: Acknowledged[];
  /** Answers other than 201 (the server refused a report it was sent; nothing was promised). */
  refused: { sent: SentReport; status: number; body: string }[];
  /** Requests without a key cut off by a kill: the client cannot know whether they were stored. */
  cutOffWithoutKey: number;
  /** Requests with a key cut off by a kill, sent again after the restart (each must then be acknowledged). */
  resent: number;
  /** Acknowledged requests with a key sent again after a restart: the answer must be the first one. */
  replays: number;
  replayMismatches: { key: string; first: Answer; again: unknown }[];
  /** ms from spawning `sigap start` to healthy and listening: the first start, then each start after a kill. */
  firstStartMs: number;
  restartMs: number[];
  /** Staged media files left by the kills (aged before each restart so its staging sweep takes them). */
  stagedAfterKills: number;
  /** Staged files the final start's sweep had not taken when the server was stopped. */
  stagedAtStop: number;
  /** `sigap start`'s exit code after the final SIGTERM (0: a clean stop) */
  stopExitCode: number | null;
}

const STAGING_SWEEP_WAIT_MS = 30_000;
const FIRST_ANSWER_WAIT_MS = 60_000;
/** Older than the staging sweep's grace (an hour): files the sweep takes at once. */
const AGED_MS = 2 * 60 * 60 * 1000;

/** Every file under a folder (none when it does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const stagingDir = (dataDir: string) => path.join(dataDir, 'media', 'staging');

/**
 * Staged files left by a killed process are swept an hour after they were written; the restart stands for one an
 * hour later, so its sweep (sent at start) takes them now: promoted when their attachment was committed, else
 * removed.
 */
async function ageStagedFiles(dataDir: string): Promise<number> {
  const files = await filesUnder(stagingDir(dataDir));
  const then = new Date(Date.now() - AGED_MS);
  await Promise.all(files.map((file) => utimes(file, then, then)));
  return files.length;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function pooled<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The SIGKILL experiment: the real `sigap start` as a child process, `clients` citizens posting reports at once,
 * killed at a random moment `kills` times and started again on the same data each time; after a restart the
 * requests with an Idempotency-Key that a kill cut off are sent again, and the acknowledged ones are replayed.
 * After the last restart the staging sweep runs and the server is stopped (SIGTERM): the data is then ready for
 * `inspectDurability`.
 */
export async function runKillRounds(options: KillRoundsOptions): Promise<KillRoundsRecord> {
  const random = mulberry32(options.seed);
  const next = reportSupply(
    options.city,
    `${options.seed.toString(36)}`,
    options.seed + 1,
    options.mix ?? DEFAULT_MIX,
  );
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const env = {
    SIGAP_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    SIGAP_WORKERS: '1',
    SIGAP_DEMO: 'off',
    SIGAP_VAULT_KEY: '',
    SIGAP_VAULT_KEY_FILE: '',
    // every client comes from one address: the per-address intake limit would refuse them
    SIGAP_INTAKE_PER_MINUTE: '0',
  };
  const record: KillRoundsRecord = {
    acknowledged: [],
    refused: [],
    cutOffWithoutKey: 0,
    resent: 0,
    replays: 0,
    replayMismatches: [],
    firstStartMs: 0,
    restartMs: [],
    stagedAfterKills: 0,
    stagedAtStop: 0,
    stopExitCode: null,
  };
  const start = async (): Promise<{ server: CliServer; ms: number }> => {
    const started = performance.now();
    const server = startCli(env);
    try {
      await untilReady(port, server);
    } catch (error) {
      server.child.kill('SIGKILL');
      throw error;
    }
    return { server, ms: Math.round(performance.now() - started) };
  };

  let cutOffWithKey: SentReport[] = [];
  let keyedAcknowledged: Acknowledged[] = [];
  const settle = async (sent: SentReport, round: number, outcome: Awaited<ReturnType<typeof send>>) => {
    if (outcome.kind === 'acknowledged') {
      const ack = { sent, answer: outcome.answer, round };
      record.acknowledged.push(ack);
      if (sent.key) keyedAcknowledged.push(ack);
    } else if (outcome.kind === 'refused')
      record.refused.push({ sent, status: outcome.status, body: outcome.body });
    else if (sent.key) cutOffWithKey.push(sent);
    else record.cutOffWithoutKey++;
  };

  let { server, ms } = await start();
  record.firstStartMs = ms;
  for (let round = 1; round <= options.kills + 1; round++) {
    // after a restart: what a kill cut off is sent again under its key; what was acknowledged answers the same
    const resend = cutOffWithKey;
    const replay = keyedAcknowledged;
    cutOffWithKey = [];
    keyedAcknowledged = [];
    record.resent += resend.length;
    await pooled(resend, options.clients, async (sent) =>
      settle(sent, round, await send(base, sent, options.photos)),
    );
    await pooled(replay, options.clients, async (ack) => {
      record.replays++;
      const again = await send(base, ack.sent, options.photos);
      if (again.kind !== 'acknowledged' || !isDeepStrictEqual(again.answer, ack.answer))
        record.replayMismatches.push({
          key: ack.sent.key!,
          first: ack.answer,
          again: again.kind === 'acknowledged' ? again.answer : again,
        });
    });
    if (round > options.kills) break;

    const [min, max] = options.killAfterMs;
    const killAfter = Math.round(min + random() * (max - min));
    let killed = false;
    const client = async () => {
      while (!killed) {
        const sent = next(options.photos);
        await settle(sent, round, await send(base, sent, options.photos));
      }
    };
    const before = record.acknowledged.length;
    const load = Promise.all(Array.from({ length: options.clients }, client));
    // the moment is counted from the round's first answer, so a slow machine still kills a server at work
    const firstAnswerBy = Date.now() + FIRST_ANSWER_WAIT_MS;
    while (record.acknowledged.length === before) {
      if (Date.now() > firstAnswerBy) {
        killed = true;
        server.child.kill('SIGKILL');
        await load;
        const refused = record.refused[0];
        throw new Error(
          `no report was acknowledged in round ${round} within ${FIRST_ANSWER_WAIT_MS / 1000} s` +
            (refused ? `; first refusal: HTTP ${refused.status} ${refused.body}` : '') +
            `; the server said:\n${server.output().slice(-2000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    killed = true;
    server.child.kill('SIGKILL');
    await exited(server.child);
    await load;
    const staged = await ageStagedFiles(options.dataDir);
    record.stagedAfterKills += staged;
    options.progress?.(
      `  round ${round}: killed ${killAfter} ms after the first answer; ${record.acknowledged.length - before} acknowledged, ` +
        `${cutOffWithKey.length} cut off with a key, ${staged} staged files left`,
    );
    ({ server, ms } = await start());
    record.restartMs.push(ms);
    options.progress?.(`  restarted in ${ms} ms`);
  }

  // the final start's staging sweep (sent at start) takes the aged files; then a clean stop
  // (a `.tmp` file, cut off while written, is not the sweep's: the inspection counts those)
  const staged = async () =>
    (await filesUnder(stagingDir(options.dataDir))).filter((f) => !f.endsWith('.tmp')).length;
  const deadline = Date.now() + STAGING_SWEEP_WAIT_MS;
  while ((await staged()) > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  record.stagedAtStop = await staged();
  server.child.kill('SIGTERM');
  record.stopExitCode = await exited(server.child);
  if (record.stopExitCode !== 0)
    options.progress?.(`  the last stop was not clean:\n${server.output().slice(-2000)}`);
  return record;
}
