import { hashToken } from '../../security/tokens.js';
import { findSessionUser, type StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { requireLiveCitizenToken } from './citizen-tokens.js';

export type { StaffUser };

/** Token → person, in one place: tokens are stored only as hashes, so both lookups hash first. */

/** The staff member a session token belongs to, while the session lasts; null otherwise. */
export function staffBySessionToken(ctx: AppContext, token: string): Promise<StaffUser | null> {
  return findSessionUser(ctx.store.db, hashToken(token), ctx.now());
}

/**
 * The citizen a citizen token belongs to; null without a token. A token that opens nothing (malformed, unknown,
 * expired, replaced, ended, revoked) is a 401 saying why (citizen-tokens.ts), never taken for no token.
 */
export async function citizenByToken(ctx: AppContext, token: string | null): Promise<string | null> {
  return token === null ? null : requireLiveCitizenToken(ctx, token);
}
