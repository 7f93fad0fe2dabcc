import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foldEvents } from '../../src/domain/evolve.js';
import { demoAccountLines, writeDemoAccounts } from '../../src/cli/demo-accounts-file.js';
import { seedDemo, seedDemoIfEmpty } from '../../src/services/demo/seed-demo.js';
import { login } from '../../src/services/identity/staff-auth.js';
import { BackupPassphraseError, isEncryptedBackup } from '../../src/security/backup-cipher.js';
import { exportBackup, importBackup } from '../../src/store/backup.js';
import { findReportByTicket, listEvents } from '../../src/store/report-repository.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { openTestStore, testEngines } from '../support/test-store.js';

describe.each(testEngines())('demo data and backups (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(async () => ctx?.close());

  test('the demo month covers many statuses and units, and its accounts can sign in', async () => {
    const demo = await seedDemo(ctx, 80, 7);
    expect(demo.reports).toBe(80);
    const byStatus = await ctx.store.db
      .selectFrom('report')
      .select(['status', sql<string>`count(*)`.as('n')])
      .groupBy('status')
      .execute();
    expect(byStatus.length).toBeGreaterThanOrEqual(5);
    const units = await ctx.store.db
      .selectFrom('report')
      .select(sql<string>`count(distinct assigned_unit_id)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(units.n)).toBeGreaterThan(10);
    // each account has its own generated password; none is the same twice or published anywhere
    expect(new Set(demo.users.map((u) => u.password)).size).toBe(demo.users.length);
    for (const u of demo.users) {
      expect(u.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      await expect(login(ctx, u.username, u.password)).resolves.toHaveProperty('token');
    }
    // the passwords are kept beside the data for the operator only (0600), and printed once in the banner
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-demo-accounts-'));
    const file = await writeDemoAccounts(dataDir, demo);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const kept = await fs.readFile(file, 'utf8');
    const banner = demoAccountLines(demo, file).join('\n');
    for (const u of demo.users) {
      expect(kept).toContain(`${u.username}\t${u.role}\t${u.password}\t`);
      expect(banner).toMatch(
        new RegExp(`${u.username.replaceAll('.', '\\.')}\\s+${u.role}\\s+${u.password}`),
      );
    }
    expect(banner).toContain(file);
    await fs.rm(dataDir, { recursive: true });
    // seeding again on a database with reports does nothing
    expect(await seedDemoIfEmpty(ctx)).toBeNull();
  });

  test('a backup restores into an empty database with every report still the fold of its events', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-backup-')), 'b.jsonl.gz');
    const counts = await exportBackup(ctx.store.db, file);
    expect(counts.report).toBeGreaterThanOrEqual(80);
    const target = await openTestStore(engine);
    try {
      const restored = await importBackup(target.db, file);
      expect(restored.report).toBe(counts.report);
      expect(restored.report_event).toBe(counts.report_event);
      // every report keeps the message it came from, and the backup keeps every message
      expect(counts.inbound_message).toBe(counts.report);
      expect(restored.inbound_message).toBe(counts.inbound_message);
      const sample = await target.db.selectFrom('report').select('ticket').limit(15).execute();
      for (const { ticket } of sample) {
        const state = await findReportByTicket(target.db, ticket);
        expect(state).toEqual(await findReportByTicket(ctx.store.db, ticket));
        const events = await listEvents(target.db, state!.id);
        expect(foldEvents(events.map((e) => e.event))).toEqual(state);
      }
      await expect(importBackup(target.db, file)).rejects.toThrow(/without reports/);
    } finally {
      await target.close();
      await fs.rm(path.dirname(file), { recursive: true, force: true });
    }
  });

  test('an encrypted backup holds no readable text, restores with its passphrase and refuses any other', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-backup-enc-'));
    const file = path.join(dir, 'b.enc');
    const passphrase = 'frasa sandi cadangan 2026';
    try {
      const counts = await exportBackup(ctx.store.db, file, { passphrase });
      const bytes = await fs.readFile(file);
      expect(await isEncryptedBackup(file)).toBe(true);
      // neither readable nor a gzip stream: nothing of the reports shows through
      expect(bytes.includes(Buffer.from('menunggu'))).toBe(false);
      expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);

      const wrong = await openTestStore(engine);
      try {
        await expect(
          importBackup(wrong.db, file, { passphrase: 'frasa sandi yang lain' }),
        ).rejects.toBeInstanceOf(BackupPassphraseError);
        // a flipped byte in the middle is refused too, and nothing was written
        const altered = Buffer.from(bytes);
        altered[Math.floor(altered.length / 2)]! ^= 0x01;
        await fs.writeFile(file + '.altered', altered);
        await expect(importBackup(wrong.db, file + '.altered', { passphrase })).rejects.toThrow();
        const left = await wrong.db
          .selectFrom('report')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(left.n)).toBe(0);
        const restored = await importBackup(wrong.db, file, { passphrase });
        expect(restored.report).toBe(counts.report);
      } finally {
        await wrong.close();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
