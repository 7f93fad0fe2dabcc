import fs from 'node:fs/promises';
import path from 'node:path';
import type { DemoSummary } from '../services/demo/seed-demo.js';

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

/**
 * The demo accounts' generated passwords, kept where only the server's user can read them (mode 0600), for the
 * person who started the server and missed the banner. The database holds only their hashes.
 */
export async function writeDemoAccounts(dataDir: string, demo: DemoSummary): Promise<string> {
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  const lines = [
    '# Akun demo Sigap / Sigap demo accounts (kata sandi dibuat acak saat pertama mulai / generated at first start)',
    '# username  role  password  unit',
    ...demo.users.map((u) => `${u.username}\t${u.role}\t${u.password}\t${u.unitName}`),
    '',
  ];
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, lines.join('\n'), { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return file;
}

/** The banner's account table, with each password: printed once, when the accounts are made. */
export function demoAccountLines(demo: DemoSummary, file: string): string[] {
  return [
    `\nDemo: ${demo.reports} laporan/reports generated. Akun demo / demo accounts:`,
    ...demo.users.map((u) => `  ${u.username.padEnd(22)} ${u.role.padEnd(17)} ${u.password}  ${u.unitName}`),
    `Kata sandi ini hanya ditampilkan sekali; salinannya di / These passwords are shown once; a copy is in ${file} (0600).`,
  ];
}
