import type { Kysely } from 'kysely';
import type { AppUserTable, Database, UserRole } from './schema.js';

type Db = Kysely<Database>;

export async function findSealedIdentity(db: Db, id: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('reporter_identity')
    .select('sealed')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.sealed ?? null;
}

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: string;
}

function toStaff(
  row: Pick<AppUserTable, 'id' | 'username' | 'display_name' | 'role' | 'unit_id'>,
): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
  };
}

export async function insertUser(
  db: Db,
  user: StaffUser & { passwordHash: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      id: user.id,
      username: user.username,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      role: user.role,
      unit_id: user.unitId,
      active: true,
      created_at: user.createdAt,
    })
    .execute();
}

export async function findUserForLogin(
  db: Db,
  username: string,
): Promise<(StaffUser & { passwordHash: string }) | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'unit_id', 'password_hash'])
    .where('username', '=', username)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ? { ...toStaff(row), passwordHash: row.password_hash } : null;
}

export async function insertSession(db: Db, tokenHash: string, userId: string, now: Date, expiresAt: Date) {
  await db
    .insertInto('user_session')
    .values({ token_hash: tokenHash, user_id: userId, created_at: now, expires_at: expiresAt })
    .execute();
}

export async function findSessionUser(db: Db, tokenHash: string, now: Date): Promise<StaffUser | null> {
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['app_user.id', 'username', 'display_name', 'role', 'unit_id'])
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', now)
    .where('app_user.active', '=', true)
    .executeTakeFirst();
  return row ? toStaff(row) : null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function findSealedIdentities(db: Db, ids: string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('reporter_identity')
    .select(['id', 'sealed'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.sealed]));
}
