import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCityContext } from '../../src/services/app/city-context.js';
import { inspectDurability } from '../support/durability/inspect.js';
import { runKillRounds } from '../support/durability/kill-rounds.js';
import { photoSet } from '../support/durability/requests.js';
import { createPostgresDatabase, testEngines } from '../support/test-store.js';

// The SIGKILL experiment, small (npm run bench:durability runs it with 32 clients and more kills): the real
// `sigap start`, citizens posting reports with and without photos and Idempotency-Keys, killed twice mid-load and
// started again on the same data.
describe.each(testEngines())('a server killed mid-load (%s engine)', (engine) => {
  test('every acknowledged report is there as sent, nothing is half-written or left behind', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-durability-'));
    const database = engine === 'postgres' ? await createPostgresDatabase() : null;
    try {
      const [city, photos] = await Promise.all([loadCityContext(null), photoSet(4)]);
      const run = { databaseUrl: database?.url ?? null, dataDir, photos };
      const record = await runKillRounds({
        ...run,
        city,
        clients: 8,
        kills: 2,
        seed: 20261207,
        killAfterMs: [800, 2000],
      });
      // the kills hit work in flight, and reports were acknowledged before each of them
      expect(record.resent + record.cutOffWithoutKey).toBeGreaterThan(0);
      for (const round of [1, 2]) expect(record.acknowledged.some((a) => a.round === round)).toBe(true);
      expect(record.replays).toBeGreaterThan(0);

      const figures = await inspectDurability({ ...run, record });
      // all at once, so a failure shows every figure (a `.tmp` file cut off mid-write is counted apart: see
      // DurabilityFigures.cutOffGarbage)
      expect({
        lost: figures.lost,
        halfWritten: figures.halfWritten,
        acknowledgedNotFoundWhole: figures.acknowledged - figures.found,
        historyProblems: figures.historyProblems,
        orphanedOutbox: figures.orphanedOutbox,
        leftBehind: figures.leftBehind,
        stagedAtStop: record.stagedAtStop,
        refused: record.refused.length,
        stopExitCode: record.stopExitCode,
        replaysAnsweredDifferently: record.replayMismatches.length,
        problems: figures.problems.slice(0, 10),
      }).toEqual({
        lost: 0,
        halfWritten: 0,
        acknowledgedNotFoundWhole: 0,
        historyProblems: 0,
        orphanedOutbox: 0,
        leftBehind: 0,
        stagedAtStop: 0,
        refused: 0,
        stopExitCode: 0,
        replaysAnsweredDifferently: 0,
        problems: [],
      });
    } finally {
      await database?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
