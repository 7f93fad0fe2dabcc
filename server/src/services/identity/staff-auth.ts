import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/domain-error.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { hashToken, newToken } from '../../security/tokens.js';
import { deleteSession, findUserForLogin, insertSession, insertUser } from '../../store/people-repository.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { UserRole } from '../../store/schema.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { beginSignIn, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-limits.js';

const SESSION_HOURS = 12;
// A real hash to compare against when the user does not exist, so timing does not reveal valid usernames.
let dummyHash: Promise<string> | null = null;

export const BAD_LOGIN = new DomainError(401, 'bad_login', {
  id: 'Nama pengguna atau kata sandi salah',
  en: 'Wrong username or password',
});

/** Where a sign-in comes from: the client's address (behind a trusted proxy, the forwarded one) and its limits. */
export interface SignInClient {
  address: string;
  limits?: SignInLimits;
}

/**
 * A password sign-in: a session for the account, or a 401 (wrong name or password) or 429 (too many failures on
 * the account or from the address; sign-in-limits.ts). Every outcome is in the audit trail.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  client: SignInClient = { address: 'local' },
) {
  const name = username.trim().toLowerCase();
  // the name tried is kept only when it is an account's: a password typed into the name field stays out
  const accountOf = async () => findUserForLogin(ctx.store.db, name);
  const attempt = await beginSignIn(
    ctx,
    name,
    client.address,
    client.limits ?? DEFAULT_SIGN_IN_LIMITS,
    async (limit, retryAfterSeconds) => {
      const user = await accountOf();
      await recordAudit(ctx, {
        actorId: user?.id ?? null,
        action: 'login_throttled',
        subject: user ? user.username : null,
        reason: null,
        detail: { limit, retryAfterSeconds, address: client.address },
      });
    },
  );
  const user = await accountOf();
  dummyHash ??= hashPassword('sigap-dummy-password');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok) {
    await attempt.failed();
    await recordAudit(ctx, {
      actorId: user?.id ?? null,
      action: 'login_refused',
      subject: user ? user.username : null,
      reason: null,
      detail: { address: client.address },
    });
    throw BAD_LOGIN;
  }
  await attempt.succeeded();
  const now = ctx.now();
  const token = newToken('petugas');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(ctx.store.db, hashToken(token), user.id, now, expiresAt);
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'login',
    subject: user.username,
    reason: null,
    detail: { address: client.address },
  });
  const { passwordHash: _, ...staff } = user;
  return { token, expiresAt, user: staff };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await deleteSession(ctx.store.db, hashToken(token));
}

/**
 * A new staff account. `temporary`: the password was set for its holder (by an administrator), who must choose
 * their own before anything else; `by`: the administrator who made it (the CLI and demo seeding: nobody).
 */
export async function createUser(
  ctx: AppContext,
  input: { username: string; password: string; displayName: string; role: UserRole; unitId: string },
  options: { by?: string; temporary?: boolean } = {},
): Promise<StaffUser> {
  if (!ctx.city.city.units.has(input.unitId))
    throw DomainError.invalid({
      id: `Unit "${input.unitId}" tidak dikenal`,
      en: `Unknown unit "${input.unitId}"`,
    });
  if (input.password.length < 10)
    throw DomainError.invalid({
      id: 'Kata sandi minimal 10 karakter',
      en: 'The password must be at least 10 characters',
    });
  const user: StaffUser = {
    id: randomUUID(),
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    unitId: input.unitId,
  };
  const existing = await findUserForLogin(ctx.store.db, user.username);
  if (existing)
    throw DomainError.conflict({
      id: `Pengguna "${user.username}" sudah ada`,
      en: `User "${user.username}" exists`,
    });
  await insertUser(ctx.store.db, {
    ...user,
    passwordHash: await hashPassword(input.password),
    createdAt: ctx.now(),
    mustChangePassword: options.temporary ?? false,
  });
  await recordAudit(ctx, {
    actorId: options.by ?? null,
    action: 'user_created',
    subject: user.username,
    reason: null,
    detail: { role: user.role, unitId: user.unitId },
  });
  return user;
}
