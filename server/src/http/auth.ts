import type { FastifyRequest } from 'fastify';
import { authorize } from '../domain/authorize.js';
import { DomainError } from '../domain/domain-error.js';
import { actorOf } from '../services/identity/policies.js';
import { staffBySessionToken, type StaffUser } from '../services/identity/sessions.js';
import type { AppContext } from '../services/app/app-context.js';

export const SESSION_COOKIE = 'sigap_session';

function bearer(request: FastifyRequest, prefix: string): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const token = header.slice(7).trim();
  return token.startsWith(`${prefix}_`) ? token : null;
}

/** A citizen's token from `Authorization: Bearer warga_…`, or null. */
export function citizenToken(request: FastifyRequest): string | null {
  return bearer(request, 'warga');
}

export function staffToken(request: FastifyRequest): string | null {
  return bearer(request, 'petugas') ?? request.cookies[SESSION_COOKIE] ?? null;
}

export const NOT_SIGNED_IN = new DomainError(401, 'not_signed_in', {
  id: 'Silakan masuk sebagai petugas terlebih dahulu',
  en: 'Please sign in as staff first',
});

/** Each request's session lookup, made once: the write limit (onRequest) and the route both need it. */
const staffOfRequest = new WeakMap<FastifyRequest, Promise<StaffUser | null>>();

/** The signed-in staff member, or null (no session token, or one that opens nothing). */
export function signedInStaff(ctx: AppContext, request: FastifyRequest): Promise<StaffUser | null> {
  let user = staffOfRequest.get(request);
  if (!user) {
    const token = staffToken(request);
    user = token ? staffBySessionToken(ctx, token) : Promise.resolve(null);
    staffOfRequest.set(request, user);
  }
  return user;
}

export const PASSWORD_CHANGE_REQUIRED = new DomainError(403, 'password_change_required', {
  id: 'Kata sandi Anda sementara: pilih kata sandi Anda sendiri dahulu (POST /api/v1/auth/password)',
  en: 'Your password is temporary: choose your own first (POST /api/v1/auth/password)',
});

/**
 * The signed-in staff member, or a 401. Someone signed in with a temporary password (set by an administrator)
 * may do nothing but see who they are, choose their own password and sign out (`whileTemporary`): a 403 otherwise.
 * A monitoring-room account (role monitor) may use only the routes that say `monitoringRoom`: a 403 elsewhere,
 * so a route added later is closed to it unless it is opened on purpose.
 */
export async function requireStaff(
  ctx: AppContext,
  request: FastifyRequest,
  options: { whileTemporary?: boolean; monitoringRoom?: boolean } = {},
): Promise<StaffUser> {
  const user = await signedInStaff(ctx, request);
  if (!user) throw NOT_SIGNED_IN;
  if (user.mustChangePassword && !options.whileTemporary) throw PASSWORD_CHANGE_REQUIRED;
  if (!options.monitoringRoom) authorize(actorOf(user), 'staff.console');
  return user;
}
