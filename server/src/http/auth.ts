import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.js';
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

/** The signed-in staff member, or a 401. */
export async function requireStaff(ctx: AppContext, request: FastifyRequest): Promise<StaffUser> {
  const token = staffToken(request);
  const user = token ? await staffBySessionToken(ctx, token) : null;
  if (!user) throw NOT_SIGNED_IN;
  return user;
}
