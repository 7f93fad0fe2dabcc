import { hashToken } from '../../security/tokens.js';
import { findSessionUser, type StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';

export type { StaffUser };

/** The staff member a session token belongs to, while the session lasts; null otherwise. */
export function staffBySessionToken(ctx: AppContext, token: string): Promise<StaffUser | null> {
  return findSessionUser(ctx.store.db, hashToken(token), ctx.now());
}
