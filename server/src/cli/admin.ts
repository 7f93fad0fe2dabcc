import type { Config } from '../config.js';
import { STAFF_ROLES } from '../domain/report-events.js';
import { bootContext } from '../services/app/boot.js';
import { createUser } from '../services/identity/staff-auth.js';
import type { UserRole } from '../store/schema.js';
import { openStore } from '../store/database.js';
import { demoAccountLines, writeDemoAccounts } from './demo-accounts-file.js';
import { bilingual, UsageError } from './messages.js';

export async function migrateCommand(config: Config): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  await store.close();
  console.log(
    bilingual({ id: `skema sudah terbaru (${store.engine})`, en: `schema up to date (${store.engine})` }),
  );
}

/** Seeding gives every report its category, so the category model is neither loaded nor trained. */
export async function seedCommand(config: Config): Promise<void> {
  const { seedDemo } = await import('../services/demo/seed-demo.js');
  const ctx = await bootContext(config, undefined, { classifier: false });
  try {
    const demo = await seedDemo(ctx);
    const file = await writeDemoAccounts(config.dataDir, demo);
    console.log(
      bilingual({
        id: `${demo.reports} laporan dan ${demo.users.length} akun demo dibuat`,
        en: `seeded ${demo.reports} reports and ${demo.users.length} demo accounts`,
      }),
    );
    for (const line of demoAccountLines(demo, file).slice(1)) console.log(line);
  } finally {
    await ctx.store.close();
  }
}

/** Creating an account classifies nothing: the category model is neither loaded nor trained. */
export async function userCreateCommand(
  config: Config,
  v: { username?: string; password?: string; role?: string; unit?: string; name?: string },
): Promise<void> {
  const { username, password, role, unit } = v;
  if (!username || !password || !role || !unit) {
    const missing = Object.entries({ username, password, role, unit })
      .filter(([, value]) => !value)
      .map(([option]) => `--${option}`);
    throw new UsageError(
      {
        id: `user create membutuhkan ${missing.join(', ')}`,
        en: `user create needs ${missing.join(', ')}`,
      },
      'user create',
    );
  }
  if (!STAFF_ROLES.includes(role as UserRole))
    throw new UsageError(
      {
        id: `--role harus salah satu dari ${STAFF_ROLES.join(', ')}, bukan "${role}"`,
        en: `--role must be one of ${STAFF_ROLES.join(', ')}, got "${role}"`,
      },
      'user create',
    );
  const ctx = await bootContext(config, undefined, { classifier: false });
  try {
    const user = await createUser(ctx, {
      username,
      password,
      role: role as UserRole,
      unitId: unit,
      displayName: v.name ?? username,
    });
    console.log(
      bilingual({
        id: `akun ${user.username} (${user.role}) dibuat di ${user.unitId}`,
        en: `created ${user.username} (${user.role}) in ${user.unitId}`,
      }),
    );
  } finally {
    await ctx.store.close();
  }
}
