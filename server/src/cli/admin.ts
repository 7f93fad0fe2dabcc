import type { Config } from '../config.js';
import { bootContext } from '../services/boot.js';
import { seedDemo } from '../services/demo/seed-demo.js';
import { createUser } from '../services/staff-auth.js';
import type { UserRole } from '../store/schema.js';
import { openStore } from '../store/database.js';

const ROLES: UserRole[] = ['officer', 'verifier', 'admin', 'reveal_authority'];

export async function migrateCommand(config: Config): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  await store.close();
  console.log(`schema up to date (${store.engine})`);
}

export async function seedCommand(config: Config): Promise<void> {
  const ctx = await bootContext(config);
  try {
    const demo = await seedDemo(ctx);
    console.log(
      `seeded ${demo.reports} reports and ${demo.users.length} demo accounts (password: ${demo.password})`,
    );
  } finally {
    await ctx.store.close();
  }
}

export async function userCreateCommand(
  config: Config,
  v: { username?: string; password?: string; role?: string; unit?: string; name?: string },
): Promise<void> {
  if (!v.username || !v.password || !v.role || !v.unit)
    throw new Error('user create needs --username, --password, --role and --unit');
  if (!ROLES.includes(v.role as UserRole)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const ctx = await bootContext(config);
  try {
    const user = await createUser(ctx, {
      username: v.username,
      password: v.password,
      role: v.role as UserRole,
      unitId: v.unit,
      displayName: v.name ?? v.username,
    });
    console.log(`created ${user.username} (${user.role}) in ${user.unitId}`);
  } finally {
    await ctx.store.close();
  }
}
