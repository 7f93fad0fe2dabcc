import { type Kysely, type Selectable, sql } from 'kysely';
import type { AppUserTable, Database, UserRole } from './schema.js';
import { statementShapes } from './statement-shapes.js';

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
  /** signed in with a temporary password an administrator set: nothing but choosing their own until then */
  mustChangePassword?: boolean;
}

function toStaff(
  row: Pick<AppUserTable, 'id' | 'username' | 'display_name' | 'role' | 'unit_id'> & {
    must_change_password?: boolean;
  },
): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    ...(row.must_change_password ? { mustChangePassword: true } : {}),
  };
}

export async function insertUser(
  db: Db,
  user: StaffUser & { passwordHash: string; createdAt: Date; mustChangePassword?: boolean },
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
      must_change_password: user.mustChangePassword ?? false,
    })
    .execute();
}

export async function findUserForLogin(
  db: Db,
  username: string,
): Promise<(StaffUser & { passwordHash: string }) | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'unit_id', 'password_hash', 'must_change_password'])
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

const sessionUser = statementShapes(
  (args: { tokenHash: string; now: Date }) => args,
  (db, v) =>
    db
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select(['app_user.id', 'username', 'display_name', 'role', 'unit_id', 'must_change_password'])
      .where('user_session.token_hash', '=', v.tokenHash)
      .where('user_session.expires_at', '>', v.now)
      .where('app_user.active', '=', sql.lit(true)),
);

export async function findSessionUser(db: Db, tokenHash: string, now: Date): Promise<StaffUser | null> {
  const [row] = (await db.executeQuery(sessionUser(db, { tokenHash, now }))).rows;
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

/** An account as its administrators see it (never its password hash). */
export interface StaffAccount extends StaffUser {
  mustChangePassword: boolean;
  active: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
}

const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'unit_id',
  'must_change_password',
  'active',
  'created_at',
  'deactivated_at',
] as const;

function toAccount(row: Pick<Selectable<AppUserTable>, (typeof ACCOUNT_COLUMNS)[number]>): StaffAccount {
  return {
    ...toStaff(row),
    mustChangePassword: row.must_change_password,
    active: row.active,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

/** Accounts by username, after `after` (keyset), optionally of one unit or role, active ones or all. */
export async function listAccounts(
  db: Db,
  f: { q?: string; unitId?: string; role?: UserRole; active?: boolean; after?: string; limit: number },
): Promise<StaffAccount[]> {
  let q = db.selectFrom('app_user').select([...ACCOUNT_COLUMNS]);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', pattern), eb('display_name', 'ilike', pattern)]));
  }
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.role) q = q.where('role', '=', f.role);
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  if (f.after) q = q.where('username', '>', f.after);
  const rows = await q.orderBy('username').limit(f.limit).execute();
  return rows.map(toAccount);
}

export async function findAccount(db: Db, id: string): Promise<StaffAccount | null> {
  const row = await db
    .selectFrom('app_user')
    .select([...ACCOUNT_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Changes an account's name, role or unit; returns it as it is now. */
export async function updateAccount(
  db: Db,
  id: string,
  change: { displayName?: string; role?: UserRole; unitId?: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.unitId !== undefined ? { unit_id: change.unitId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function setPassword(
  db: Db,
  id: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange })
    .where('id', '=', id)
    .execute();
}

export async function findPasswordHash(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/**
 * Deactivates an account unless it is the last active administrator (then false and nothing changes): one
 * statement, so two administrators deactivating each other at once cannot both succeed.
 */
export async function deactivateAccount(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ active: false, deactivated_at: now })
    .where('id', '=', id)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role', '!=', 'admin'),
        eb(
          eb
            .selectFrom('app_user as other')
            .select((o) => o.fn.countAll<number>().as('n'))
            .where('other.role', '=', 'admin')
            .where('other.active', '=', true)
            .where('other.id', '!=', id),
          '>',
          0,
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function reactivateAccount(db: Db, id: string): Promise<void> {
  await db.updateTable('app_user').set({ active: true, deactivated_at: null }).where('id', '=', id).execute();
}

/** Ends every session of an account (all of them, or all but the one kept); returns how many ended. */
export async function deleteSessionsOf(
  db: Db,
  userId: string,
  keepTokenHash: string | null = null,
): Promise<number> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '!=', keepTokenHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
