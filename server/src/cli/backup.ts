import type { Config } from '../config.js';
import { openStore } from '../store/database.js';
import { exportBackup, importBackup } from '../store/backup.js';

export async function backupCommand(config: Config, file: string): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    const counts = await exportBackup(store.db, file);
    console.log(`backup written to ${file}:`, counts);
    console.log(
      'Keep the vault key (SIGAP_VAULT_KEY or <data>/vault.key) and the media folder safe separately.',
    );
  } finally {
    await store.close();
  }
}

export async function restoreCommand(config: Config, file: string): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    const counts = await importBackup(store.db, file);
    console.log(`restored from ${file}:`, counts);
  } finally {
    await store.close();
  }
}
