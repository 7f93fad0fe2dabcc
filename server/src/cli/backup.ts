import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { openStore } from '../store/database.js';
import { exportBackup, importBackup } from '../store/backup.js';
import { hasReports } from '../store/database-contents.js';
import { BackupPassphraseError, isEncryptedBackup } from '../security/backup-cipher.js';
import { bilingual, CommandError } from './messages.js';

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');

/** `sigap backup FILE`: FILE is absolute here (relative paths were taken from where the command was run). */
const PASSPHRASE_NEEDED = new CommandError({
  id: 'Cadangan terenkripsi membutuhkan frasa sandi di SIGAP_BACKUP_PASSPHRASE (minimal 12 karakter)',
  en: 'An encrypted backup needs a passphrase in SIGAP_BACKUP_PASSPHRASE (at least 12 characters)',
});

/** The backup passphrase from the environment (never an option: it would land in the shell history). */
function passphraseOf(env: NodeJS.ProcessEnv): string | null {
  const value = env.SIGAP_BACKUP_PASSPHRASE ?? '';
  return value.length >= 12 ? value : null;
}

export async function backupCommand(
  config: Config,
  file: string,
  options: { encrypt?: boolean } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const passphrase = options.encrypt ? passphraseOf(env) : null;
  if (options.encrypt && !passphrase) throw PASSPHRASE_NEEDED;
  // Checked before the database is opened, so a typo costs nothing and leaves no half-written file.
  const folder = await stat(path.dirname(file)).catch(() => null);
  if (!folder?.isDirectory())
    throw new CommandError({
      id: `Folder ${path.dirname(file)} tidak ada`,
      en: `The folder ${path.dirname(file)} does not exist`,
    });
  if ((await stat(file).catch(() => null))?.isDirectory())
    throw new CommandError({ id: `${file} adalah folder`, en: `${file} is a folder` });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    const counts = await exportBackup(store.db, file, { passphrase });
    console.log(
      bilingual(
        passphrase
          ? { id: `cadangan terenkripsi ditulis ke ${file}`, en: `encrypted backup written to ${file}` }
          : { id: `cadangan ditulis ke ${file}`, en: `backup written to ${file}` },
      ),
    );
    console.log(`  ${counted(counts)}`);
    console.log(
      bilingual({
        id: 'Simpan kunci brankas (SIGAP_VAULT_KEY atau <data>/vault.key) dan folder media secara terpisah.',
        en: 'Keep the vault key (SIGAP_VAULT_KEY or <data>/vault.key) and the media folder safe separately.',
      }),
    );
  } finally {
    await store.close();
  }
}

/** `sigap restore FILE`: into a database without reports, in one transaction. */
export async function restoreCommand(
  config: Config,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const readable = await access(file, constants.R_OK).then(
    async () => (await stat(file)).isFile(),
    () => false,
  );
  if (!readable)
    throw new CommandError({ id: `Berkas ${file} tidak ditemukan`, en: `The file ${file} was not found` });
  const encrypted = await isEncryptedBackup(file);
  const passphrase = encrypted ? passphraseOf(env) : null;
  if (encrypted && !passphrase) throw PASSPHRASE_NEEDED;
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    if (await hasReports(store.db))
      throw new CommandError({
        id: 'Pemulihan membutuhkan basis data tanpa laporan; pakai folder data atau basis data kosong',
        en: 'restore needs a database without reports; use an empty data folder or database',
      });
    const counts = await importBackup(store.db, file, { passphrase }).catch((error: unknown) => {
      if (error instanceof BackupPassphraseError)
        throw new CommandError({
          id: `${file} tidak dapat dibuka: frasa sandi salah, atau berkas rusak atau diubah; tidak ada yang dipulihkan`,
          en: `${file} cannot be opened: wrong passphrase, or the file was damaged or altered; nothing was restored`,
        });
      const detail = error instanceof Error ? error.message : String(error);
      throw new CommandError({
        id: `${file} tidak dapat dipulihkan (${detail})`,
        en: `${file} could not be restored (${detail})`,
      });
    });
    console.log(bilingual({ id: `dipulihkan dari ${file}`, en: `restored from ${file}` }));
    console.log(`  ${counted(counts)}`);
  } finally {
    await store.close();
  }
}
