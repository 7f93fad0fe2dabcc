import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const CLI = fileURLToPath(new URL('../support/sigap-from-source.js', import.meta.url));

function locate(
  input: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'locate'], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
    child.stdin.end(input);
  });
}

describe('sigap locate', () => {
  const tempDirs: string[] = [];
  afterAll(async () => {
    for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
  });

  test('answers each JSON line with one line, in order, and reports bad lines without stopping', async () => {
    const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-locate-'));
    tempDirs.push(tempDir);
    const dataDir = path.join(tempDir, 'data');
    const input = [
      JSON.stringify({ id: 'monas', lat: -6.1754, lng: 106.8272 }),
      JSON.stringify({ id: 2, lat: -6.0, lng: 106.85 }),
      JSON.stringify({ id: 'teks', text: 'banjir di kel cempaka puti timur jakpus' }),
      'bukan json',
      '',
      JSON.stringify({ id: 'kec', text: 'Grogol, Kebayoran Lama' }),
      JSON.stringify({ id: 'nol', text: 'mohon bantuan segera' }),
      JSON.stringify({ id: 'x', lat: 'utara', lng: 106.8 }),
      JSON.stringify({ text: 'Kel. Cikini' }),
      JSON.stringify({ id: 'luar', text: 'Manggarai, Flores: jembatan putus' }),
      JSON.stringify({ id: 'last', text: 'dekat Stasiun Manggarai' }),
    ].join('\n');
    const { code, lines, stderr } = await locate(input, { SIGAP_DATA_DIR: dataDir });
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toEqual({
      id: 'monas',
      kode: '31.71.01.1001',
      nama: 'Gambir',
      level: 'kelurahan',
      confidence: 1,
    });
    expect(lines[1]).toEqual({ id: 2, kode: null, nama: null, level: null, confidence: 0 });
    expect(lines[2]).toMatchObject({
      id: 'teks',
      kode: '31.71.05.1001',
      level: 'kelurahan',
      alternatives: [],
    });
    expect(lines[2]?.confidence).toBeGreaterThan(0.6);
    expect(lines[3]).toMatchObject({ id: null, error: { code: 'invalid_json' } });
    expect(lines[3]?.error).toMatchObject({ message: { id: expect.any(String), en: expect.any(String) } });
    expect(lines[4]).toMatchObject({
      id: 'kec',
      kode: '31.74.05',
      nama: 'Kebayoran Lama',
      level: 'kecamatan',
    });
    expect((lines[4]?.alternatives as { nama: string }[]).map((a) => a.nama)).toContain('Grogol Utara');
    expect(lines[5]).toMatchObject({ id: 'nol', kode: null, nama: null, confidence: 0 });
    expect(lines[6]).toMatchObject({ id: 'x', error: { code: 'invalid_coordinates' } });
    expect(lines[7]).toMatchObject({ id: null, error: { code: 'missing_id' } });
    expect(lines[8]).toEqual({
      id: 'luar',
      kode: null,
      nama: null,
      level: null,
      confidence: 0,
      alternatives: [],
      outside: { nama: 'Kabupaten Manggarai', level: 'kota', kode: '53.10', matched: 'manggarai' },
    });
    expect(lines[9]).toMatchObject({ id: 'last', kode: '31.74.01.1007', nama: 'Manggarai', outside: null });
    // no database was opened: the data folder was never created
    await expect(fs.access(dataDir)).rejects.toThrow();
  });

  test('reads the city from SIGAP_CITY_DIR and fails with the data error when it is broken', async () => {
    const { code, lines, stderr } = await locate('{"id":1,"text":"Cikini"}\n', {
      SIGAP_CITY_DIR: path.join(os.tmpdir(), 'sigap-no-such-city'),
    });
    expect(code).toBe(1);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/city\.json: file is missing/);
  });
});
