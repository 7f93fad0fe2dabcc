import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitLine } from '../../src/cli/submit.js';
import { normaliseSenderHandle } from '../../src/domain/sender-handle.js';
import { ticketsOfSender } from '../../src/store/inbound-repository.js';
import { CLI } from '../support/cli-server.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const line = (value: object) => JSON.stringify(value);

async function reportCount(ctx: TestContext): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testEngines())('sigap submit, line by line (%s)', (engine) => {
  let ctx: TestContext;
  let dir: string;
  beforeAll(async () => {
    ctx = await testContext(engine);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-submit-'));
    await fs.writeFile(path.join(dir, 'lubang.jpg'), await phonePhoto(7));
  });
  afterAll(async () => {
    await ctx.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const walkIn = {
    id: 'desk-1',
    channel: 'kantor_kelurahan',
    externalId: 'buku-tamu-2026-001',
    sender: { kind: 'phone', value: '0812-3456-7890' },
    text: 'Jalan berlubang besar di depan SDN Menteng 01, sudah dua minggu',
    address: 'Jl. Besuki, Menteng',
    category: 'jalan',
    private: false,
    reporter: { name: 'Ibu Canary Submit', phone: '0812-3456-7890' },
    media: ['lubang.jpg'],
  };

  test('a walk-in line files one report on its channel, with its photo; sent again it answers the same ticket', async () => {
    const first = (await submitLine(ctx, line(walkIn), { baseDir: dir })) as Record<string, unknown>;
    expect(first).toMatchObject({ id: 'desk-1', ticket: expect.stringMatching(/^JK\d{10,}$/) });
    expect(first).not.toHaveProperty('citizenToken');
    const again = (await submitLine(ctx, line(walkIn), { baseDir: dir, withTokens: true })) as Record<
      string,
      unknown
    >;
    expect(again.ticket).toBe(first.ticket);
    expect(again.citizenToken).toMatch(/^warga_/);

    const stored = await ctx.store.db
      .selectFrom('report')
      .innerJoin('attachment', 'attachment.report_id', 'report.id')
      .select(['report.channel', 'attachment.kind'])
      .where('report.ticket', '=', first.ticket as string)
      .execute();
    expect(stored).toEqual([{ channel: 'kantor_kelurahan', kind: 'photo' }]);
    const senderKey = ctx.vault.senderKeyOf(normaliseSenderHandle('phone', '+62 812 3456 7890', 'whatsapp')!);
    expect(await ticketsOfSender(ctx.store.db, senderKey)).toEqual([first.ticket]);
    // the CLI never writes the reporter anywhere readable: not in the log
    expect(ctx.logLines.join('\n')).not.toContain('Canary');
  });

  test('bad lines get an error line, bilingual, and file nothing', async () => {
    const before = await reportCount(ctx);
    const answers = (await Promise.all([
      submitLine(ctx, 'bukan json', { baseDir: dir }),
      submitLine(ctx, line({ ...walkIn, id: 'x1', externalId: 'x1', colour: 'merah' }), { baseDir: dir }),
      submitLine(ctx, line({ ...walkIn, id: 'x2', externalId: 'x2', channel: 'merpati' }), { baseDir: dir }),
      submitLine(ctx, line({ ...walkIn, id: 'x3', externalId: 'x3', media: ['tidak-ada.jpg'] }), {
        baseDir: dir,
      }),
      submitLine(ctx, line({ ...walkIn, id: 'x4', text: 'Laporan lain dengan kunci yang sama' }), {
        baseDir: dir,
      }),
      submitLine(ctx, line({ ...walkIn, id: 'x5', externalId: 'x5', text: 'Jalan\u0000rusak' }), {
        baseDir: dir,
      }),
    ])) as { id: unknown; error: { code: string; message: { id: string; en: string } } }[];
    expect(answers.map((a) => [a.id, a.error.code])).toEqual([
      [null, 'invalid_json'],
      ['x1', 'invalid_line'],
      ['x2', 'invalid'],
      ['x3', 'media_unreadable'],
      ['x4', 'idempotency_key_reused'],
      ['x5', 'invalid_line'],
    ]);
    for (const answer of answers) {
      expect(answer.error.message.id).not.toBe('');
      expect(answer.error.message.en).not.toBe(answer.error.message.id);
    }
    expect((answers[1] as unknown as { details: { field: string }[] }).details[0]?.field).toBe('colour');
    expect(await reportCount(ctx)).toBe(before);
  });
});

describe('sigap submit, the command', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  test('stdout holds only the answer lines, in order; the exit code is 0', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-submit-cli-'));
    dirs.push(dir);
    const input = [
      line({
        id: 1,
        channel: 'lapor',
        externalId: 'LAPOR-778',
        text: 'Sampah menumpuk di pinggir Kali Ciliwung dekat Kampung Melayu',
        category: 'sampah',
      }),
      line({ id: 2, channel: 'web', text: '' }),
    ].join('\n');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'submit'], {
        env: { ...process.env, SIGAP_DATA_DIR: path.join(dir, 'data'), SIGAP_DEMO: 'off', LOG_LEVEL: 'warn' },
        cwd: dir,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 1, ticket: expect.stringMatching(/^JK/), status: 'menunggu' });
    expect(lines[1]).toMatchObject({ id: 2, error: { code: 'invalid_line' } });
  }, 120_000);
});
