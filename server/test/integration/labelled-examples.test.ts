import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readCorpusParts, TRAINING_PARTS } from '../../src/classify/corpus.js';
import { modelFilePath, saveModelFile, trainFile } from '../../src/classify/model-cache.js';
import { configFromEnv, DEFAULT_CORPUS_DIR, modelDirOf } from '../../src/config.js';
import type { Actor } from '../../src/domain/report-events.js';
import type { AppContext } from '../../src/services/app/app-context.js';
import { bootContext } from '../../src/services/app/boot.js';
import { loadReport } from '../../src/services/handling/actions.js';
import { recategoriseReport } from '../../src/services/handling/recategorise.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { createReport } from '../../src/services/intake/intake.js';
import { exportBackup, importBackup } from '../../src/store/backup.js';
import { trainingExamples } from '../../src/services/model/category-model.js';
import { redactOlderLabelledExamples } from '../../src/services/model/labelled-examples.js';
import { testContext, type TestContext } from '../support/test-app.js';
import { openTestStore, testEngines } from '../support/test-store.js';

const REPORTER = { name: 'Wiraguna Tzelvakarno', phone: '0813-2468-1357', email: 'wiraguna.tz@contoh.id' };
const TEXTS = [
  'Pohon tumbang di depan rumah Wiraguna, keluarga Tzelvakarno, hubungi 0813 2468 1357',
  'Dahan patah menimpa pagar Pak Wiraguna dan keluarga Tzelvakarno, surel wiraguna.tz@contoh.id',
];
const NEEDLES = ['wiraguna', 'tzelvakarno', '2468', 'wiraguna.tz@'];
const leaks = (text: string) => NEEDLES.filter((n) => text.toLowerCase().includes(n));

/** Two reports by the reporter, filed as rubbish and corrected to trees by an officer. */
async function recategorisedReports(ctx: AppContext): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, text] of TEXTS.entries()) {
    const created = await createReport(
      ctx,
      { text, lat: -6.1754, lng: 106.8272, category: 'sampah', private: false, reporter: REPORTER },
      [],
      null,
    );
    const { assignedUnitId } = await loadReport(ctx, created.ticket);
    const user = await createUser(ctx, {
      username: `lurah.contoh.${i}`,
      password: 'kata-sandi-uji-123',
      displayName: 'Lurah',
      role: 'officer',
      unitId: assignedUnitId,
    });
    const officer: Actor = { kind: 'officer', id: user.id, unitId: assignedUnitId };
    ids.push((await recategoriseReport(ctx, created.ticket, { categoryCode: 'pohon' }, officer)).id);
  }
  return ids;
}

/** What an install from before 0017 holds: the raw report text, not yet masked. */
async function asBefore0017(ctx: Pick<AppContext, 'store'>): Promise<void> {
  const rows = await ctx.store.db.selectFrom('labelled_example').select(['id', 'report_id']).execute();
  for (const row of rows) {
    const report = await ctx.store.db
      .selectFrom('report')
      .select('text')
      .where('id', '=', row.report_id!)
      .executeTakeFirstOrThrow();
    await ctx.store.db
      .updateTable('labelled_example')
      .set({ text: report.text, redacted: false })
      .where('id', '=', row.id)
      .execute();
  }
}

describe.each(testEngines())('labelled examples (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(() => ctx.close());

  test('a recategorisation stores the text masked; older raw rows stay out of training until masked, once', async () => {
    await recategorisedReports(ctx);
    const stored = await ctx.store.db.selectFrom('labelled_example').selectAll().execute();
    expect(stored.map((r) => r.redacted)).toEqual([true, true]);
    expect(stored.map((r) => r.text).sort()).toEqual([
      'Dahan patah menimpa pagar Pak [disamarkan] dan keluarga [disamarkan], surel [disamarkan]',
      'Pohon tumbang di depan rumah [disamarkan], keluarga [disamarkan], hubungi [disamarkan]',
    ]);

    await asBefore0017(ctx);
    const officerExamples = async () =>
      (await trainingExamples(ctx.city.city, DEFAULT_CORPUS_DIR, ctx.store.db)).filter((e) =>
        e.id.startsWith('officer/'),
      );
    expect(await officerExamples()).toEqual([]);
    expect(await redactOlderLabelledExamples(ctx)).toBe(2);
    const masked = await officerExamples();
    expect(masked).toHaveLength(2);
    expect(leaks(JSON.stringify(masked))).toEqual([]);
    expect(await redactOlderLabelledExamples(ctx)).toBe(0);
  });

  test('rows restored from a backup made before 0017 are masked at the next start', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-old-backup-'));
    const target = await openTestStore(engine);
    try {
      const file = path.join(dir, 'b.jsonl.gz');
      await exportBackup(ctx.store.db, file);
      const texts = new Map(
        (await ctx.store.db.selectFrom('report').select(['id', 'text']).execute()).map((r) => [r.id, r.text]),
      );
      // the same backup as an older version wrote it: raw texts, no `redacted` column
      const lines = gunzipSync(await fs.readFile(file))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const parsed = JSON.parse(line) as { t?: string; r?: Record<string, unknown> };
          if (parsed.t !== 'labelled_example' || !parsed.r) return line;
          const { redacted: _, ...row } = parsed.r;
          return JSON.stringify({ t: parsed.t, r: { ...row, text: texts.get(row.report_id as string) } });
        });
      await fs.writeFile(file, gzipSync(`${lines.join('\n')}\n`));
      await importBackup(target.db, file);
      const restored = await target.db.selectFrom('labelled_example').selectAll().execute();
      expect(restored.map((r) => r.redacted)).toEqual([false, false]);
      expect(leaks(JSON.stringify(restored))).not.toEqual([]);

      expect(await redactOlderLabelledExamples({ store: target, vault: ctx.vault })).toBe(2);
      const masked = await target.db.selectFrom('labelled_example').selectAll().execute();
      expect(masked.map((r) => r.redacted)).toEqual([true, true]);
      expect(leaks(JSON.stringify(masked))).toEqual([]);
    } finally {
      await target.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an upgraded install', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
  });

  test('masks older labelled examples at start and retrains the cached model that held a reporter’s name', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-upgrade-examples-'));
    dirs.push(dataDir);
    const config = { ...configFromEnv({}), dataDir, databaseUrl: null };
    const silent = pino({ level: 'silent' });
    const before = await bootContext(config, silent, { classifier: false });
    try {
      await recategorisedReports(before);
      await asBefore0017(before);
      // the model the old code cached: trained on the raw texts, the name among its features
      const corpus = await readCorpusParts(
        DEFAULT_CORPUS_DIR,
        TRAINING_PARTS,
        new Set(before.city.city.categories.keys()),
      );
      const raw = await before.store.db.selectFrom('labelled_example').selectAll().execute();
      const old = trainFile(
        [...corpus, ...raw.map((r) => ({ id: `officer/${r.id}`, text: r.text, category: r.category_code }))],
        [...before.city.city.categories.keys()],
      );
      await saveModelFile(modelDirOf(config), old);
      expect(leaks(await fs.readFile(modelFilePath(modelDirOf(config)), 'utf8'))).not.toEqual([]);
    } finally {
      await before.store.close();
    }

    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const after = await bootContext(config, log);
    try {
      const rows = await after.store.db.selectFrom('labelled_example').selectAll().execute();
      expect(rows.every((r) => r.redacted)).toBe(true);
      expect(leaks(JSON.stringify(rows))).toEqual([]);
      expect(existsSync(modelFilePath(modelDirOf(config)))).toBe(true);
      const model = await fs.readFile(modelFilePath(modelDirOf(config)), 'utf8');
      expect(model).toContain('tumbang');
      expect(leaks(model)).toEqual([]);
      expect(lines.join('\n')).toContain('older labelled examples masked for training');
      expect(lines.join('\n')).toContain('category model trained');
    } finally {
      await after.store.close();
    }
  }, 120_000);
});
