import { authorize } from '../../domain/authorize.js';
import { DomainError } from '../../domain/domain-error.js';
import { generatedPassword, hashPassword, verifyPassword } from '../../security/passwords.js';
import { hashToken } from '../../security/tokens.js';
import {
  deactivateAccount,
  deleteSessionsOf,
  findAccount,
  findPasswordHash,
  listAccounts,
  reactivateAccount,
  setPassword,
  type StaffAccount,
  type StaffUser,
  updateAccount,
} from '../../store/people-repository.js';
import type { UserRole } from '../../store/schema.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { actorOf } from './policies.js';
import { createUser } from './staff-auth.js';

/**
 * Staff accounts, administered in the app: create (with a temporary password shown once), change name, role or
 * unit, reset a forgotten password, deactivate and reactivate; and each person's own password change. A password
 * an administrator set is temporary: its holder can do nothing else until they choose their own. Every change is
 * in the audit trail, never a password; a reset or a deactivation ends the account's sessions at once.
 */

export const MIN_PASSWORD_LENGTH = 10;

const ACCOUNT_NOT_FOUND = DomainError.notFound({ id: 'Akun tidak ditemukan', en: 'Account not found' });

function requireAccountAdmin(user: StaffUser): void {
  authorize(actorOf(user), 'accounts.manage');
}

function checkUnit(ctx: AppContext, unitId: string): void {
  if (!ctx.city.city.units.has(unitId))
    throw DomainError.invalid({ id: `Unit "${unitId}" tidak dikenal`, en: `Unknown unit "${unitId}"` });
}

/** An account as administrators read it: with its unit's name, which people recognise before a code. */
export type AccountView = StaffAccount & { unitName: string };

const named = (ctx: AppContext, account: StaffAccount): AccountView => ({
  ...account,
  unitName: ctx.city.city.units.get(account.unitId)?.name ?? account.unitId,
});

async function accountOrNotFound(ctx: AppContext, id: string): Promise<AccountView> {
  const account = await findAccount(ctx.store.db, id);
  if (!account) throw ACCOUNT_NOT_FOUND;
  return named(ctx, account);
}

export async function listStaffAccounts(
  ctx: AppContext,
  admin: StaffUser,
  query: { q?: string; unit?: string; role?: UserRole; active?: boolean; cursor?: string; limit?: number },
): Promise<{ items: AccountView[]; next: string | null }> {
  requireAccountAdmin(admin);
  const limit = query.limit ?? 50;
  const rows = await listAccounts(ctx.store.db, {
    q: query.q?.trim() || undefined,
    unitId: query.unit,
    role: query.role,
    active: query.active,
    after: query.cursor,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map((account) => named(ctx, account));
  return { items, next: rows.length > limit ? items[items.length - 1]!.username : null };
}

/** A new account with a generated temporary password, returned this once (never stored but as its hash). */
export async function createStaffAccount(
  ctx: AppContext,
  admin: StaffUser,
  input: { username: string; displayName: string; role: UserRole; unitId: string },
): Promise<{ account: AccountView; temporaryPassword: string }> {
  requireAccountAdmin(admin);
  checkUnit(ctx, input.unitId);
  const temporaryPassword = generatedPassword();
  const user = await createUser(
    ctx,
    { ...input, password: temporaryPassword },
    { by: admin.id, temporary: true },
  );
  return { account: await accountOrNotFound(ctx, user.id), temporaryPassword };
}

export async function changeStaffAccount(
  ctx: AppContext,
  admin: StaffUser,
  id: string,
  change: { displayName?: string; role?: UserRole; unitId?: string },
): Promise<AccountView> {
  requireAccountAdmin(admin);
  const before = await accountOrNotFound(ctx, id);
  if (change.unitId !== undefined) checkUnit(ctx, change.unitId);
  if (id === admin.id && change.role !== undefined && change.role !== before.role)
    throw DomainError.conflict(
      {
        id: 'Anda tidak dapat mengubah peran akun Anda sendiri; minta administrator lain',
        en: 'You cannot change your own account’s role; ask another administrator',
      },
      'own_role',
    );
  await updateAccount(ctx.store.db, id, change);
  const after = await accountOrNotFound(ctx, id);
  await recordAudit(ctx, {
    actorId: admin.id,
    action: 'account_changed',
    subject: before.username,
    reason: null,
    detail: {
      fromRole: before.role,
      toRole: after.role,
      fromUnitId: before.unitId,
      toUnitId: after.unitId,
      nameChanged: before.displayName !== after.displayName,
    },
  });
  return after;
}

/** A forgotten password: a new temporary one (shown once), and every session of the account ends. */
export async function resetStaffPassword(
  ctx: AppContext,
  admin: StaffUser,
  id: string,
): Promise<{ account: AccountView; temporaryPassword: string; sessionsEnded: number }> {
  requireAccountAdmin(admin);
  const account = await accountOrNotFound(ctx, id);
  const temporaryPassword = generatedPassword();
  await setPassword(ctx.store.db, id, await hashPassword(temporaryPassword), true);
  const sessionsEnded = await deleteSessionsOf(ctx.store.db, id);
  await recordAudit(ctx, {
    actorId: admin.id,
    action: 'password_reset',
    subject: account.username,
    reason: null,
    detail: { sessionsEnded },
  });
  return { account: await accountOrNotFound(ctx, id), temporaryPassword, sessionsEnded };
}

export async function deactivateStaffAccount(
  ctx: AppContext,
  admin: StaffUser,
  id: string,
  reason: string,
): Promise<AccountView> {
  requireAccountAdmin(admin);
  const account = await accountOrNotFound(ctx, id);
  if (id === admin.id)
    throw DomainError.conflict(
      {
        id: 'Anda tidak dapat menonaktifkan akun Anda sendiri',
        en: 'You cannot deactivate your own account',
      },
      'own_account',
    );
  if (!account.active) return account;
  if (!(await deactivateAccount(ctx.store.db, id, ctx.now())))
    throw DomainError.conflict(
      {
        id: 'Ini administrator aktif terakhir: aktifkan atau buat administrator lain dahulu',
        en: 'This is the last active administrator: activate or create another one first',
      },
      'last_admin',
    );
  const sessionsEnded = await deleteSessionsOf(ctx.store.db, id);
  await recordAudit(ctx, {
    actorId: admin.id,
    action: 'account_deactivated',
    subject: account.username,
    reason,
    detail: { sessionsEnded },
  });
  return accountOrNotFound(ctx, id);
}

export async function reactivateStaffAccount(
  ctx: AppContext,
  admin: StaffUser,
  id: string,
): Promise<AccountView> {
  requireAccountAdmin(admin);
  const account = await accountOrNotFound(ctx, id);
  if (account.active) return account;
  await reactivateAccount(ctx.store.db, id);
  await recordAudit(ctx, {
    actorId: admin.id,
    action: 'account_reactivated',
    subject: account.username,
    reason: null,
    detail: {},
  });
  return accountOrNotFound(ctx, id);
}

export const WRONG_CURRENT_PASSWORD = new DomainError(400, 'wrong_password', {
  id: 'Kata sandi saat ini salah',
  en: 'The current password is wrong',
});

/**
 * A person chooses their own password: the current one is asked again, the new one must be long enough and not
 * the same; every other session of the account ends (this one stays signed in).
 */
export async function changeOwnPassword(
  ctx: AppContext,
  user: StaffUser,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number }> {
  const hash = await findPasswordHash(ctx.store.db, user.id);
  if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
    await recordAudit(ctx, {
      actorId: user.id,
      action: 'password_change_refused',
      subject: user.username,
      reason: null,
      detail: {},
    });
    throw WRONG_CURRENT_PASSWORD;
  }
  if ([...input.newPassword].length < MIN_PASSWORD_LENGTH)
    throw DomainError.invalid(
      {
        id: `Kata sandi baru minimal ${MIN_PASSWORD_LENGTH} karakter`,
        en: `The new password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      },
      'weak_password',
    );
  if (input.newPassword === input.currentPassword)
    throw DomainError.invalid(
      {
        id: 'Kata sandi baru harus berbeda dari yang sekarang',
        en: 'The new password must differ from the current one',
      },
      'same_password',
    );
  await setPassword(ctx.store.db, user.id, await hashPassword(input.newPassword), false);
  const sessionsEnded = await deleteSessionsOf(ctx.store.db, user.id, hashToken(sessionToken));
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'password_changed',
    subject: user.username,
    reason: null,
    detail: { sessionsEnded },
  });
  return { sessionsEnded };
}
