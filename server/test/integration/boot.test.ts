import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { configFromEnv } from '../../src/config.js';
import { bootContext } from '../../src/services/app/boot.js';
import { seedDemo } from '../../src/services/demo/seed-demo.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('booting for a command', () => {
  test('a command that classifies nothing boots without the category model, and seeding works without it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-boot-'));
    dirs.push(dataDir);
    const config = { ...configFromEnv({}), dataDir, databaseUrl: null };
    const ctx = await bootContext(config, pino({ level: 'silent' }), { classifier: false });
    try {
      const demo = await seedDemo(ctx, 12, 5);
      expect(demo.reports).toBe(12);
      // neither trained nor read: nothing was written to the model folder
      expect(existsSync(path.join(dataDir, 'models'))).toBe(false);
      expect(() => ctx.classifier.classify('pohon tumbang')).toThrow(/category model was not loaded/);
    } finally {
      await ctx.store.close();
    }
  });

  test('a deployment without demo data warns, once at start, when the vault key lies beside the data', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    for (const demo of ['off', 'auto'] as const) {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-boot-key-'));
      dirs.push(dataDir);
      const config = { ...configFromEnv({ SIGAP_DEMO: demo }), dataDir, databaseUrl: null };
      const ctx = await bootContext(config, log, { classifier: false, syncCity: false });
      await ctx.store.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SIGAP_VAULT_KEY_FILE');
    expect(lines[0]).toContain('kunci brankas identitas tersimpan di samping data');
  });
});
