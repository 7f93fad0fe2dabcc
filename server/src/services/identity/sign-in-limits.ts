import { createHmac, randomUUID } from 'node:crypto';
import { TooManyAttempts, waitText } from '../../domain/too-many-attempts.js';
import {
  type AttemptLimits,
  clearAfterSignIn,
  markSignInFailed,
  reserveSignInAttempt,
} from '../../store/sign-in-attempt-repository.js';
import type { AppContext } from '../app/app-context.js';

/** How many failed sign-ins lock what, within a sliding window (see docs/DECISIONS.md, "Sign-in limits"). */
export interface SignInLimits {
  /** failed sign-ins on one account that lock its password sign-in for the rest of the window */
  accountFailures: number;
  /** failed sign-ins from one client address, on any accounts, that lock that address */
  addressFailures: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { accountFailures: 5, addressFailures: 50 };
const WINDOW_MS = 15 * 60_000;
/** Attempts from one address being checked at once beyond its remaining budget (a morning rush queues, not fails). */
const ADDRESS_IN_FLIGHT = 20;
/** A password check takes milliseconds; an attempt pending this long was cut off (its process ended). */
const PENDING_MS = 60_000;

export type SignInRefusal = 'account' | 'address' | 'in_flight';

/** A sign-in attempt under way: it counts as failed until `succeeded` is called. */
export interface SignInAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

const keyOf = (ctx: AppContext, kind: 'account' | 'address', value: string) =>
  createHmac('sha256', ctx.vault.signInSecret).update(`${kind}\u0000${value}`).digest('base64url');

const REFUSALS: Record<SignInRefusal, (wait: { id: string; en: string }) => { id: string; en: string }> = {
  account: (wait) => ({
    id: `Terlalu banyak percobaan masuk yang gagal untuk akun ini; coba lagi dalam ${wait.id}, atau minta administrator memeriksa akun Anda`,
    en: `Too many failed sign-ins for this account; try again in ${wait.en}, or ask an administrator to check your account`,
  }),
  address: (wait) => ({
    id: `Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda; coba lagi dalam ${wait.id}`,
    en: `Too many failed sign-ins from your network address; try again in ${wait.en}`,
  }),
  in_flight: (wait) => ({
    id: `Terlalu banyak percobaan masuk bersamaan dari alamat jaringan Anda; coba lagi dalam ${wait.id}`,
    en: `Too many sign-ins at once from your network address; try again in ${wait.en}`,
  }),
};

/**
 * Starts a password sign-in for `username` from `address`, or refuses it with a 429 (and `Retry-After`) when the
 * account or the address has used up its failures in the window. Only failures count: a correct password takes
 * its attempt back and clears the account's count, so staff signing in from one proxy never lock each other out.
 * `onRefused` records the refusal (the caller knows the account, for the audit trail).
 */
export async function beginSignIn(
  ctx: AppContext,
  username: string,
  address: string,
  limits: SignInLimits,
  onRefused: (limit: SignInRefusal, retryAfterSeconds: number) => Promise<void>,
): Promise<SignInAttempt> {
  const now = ctx.now();
  const accountKey = keyOf(ctx, 'account', username);
  const attemptLimits: AttemptLimits = {
    ...limits,
    addressInFlight: ADDRESS_IN_FLIGHT,
    windowMs: WINDOW_MS,
    pendingMs: PENDING_MS,
  };
  const reservation = await reserveSignInAttempt(
    ctx.store.db,
    { id: randomUUID(), accountKey, addressKey: keyOf(ctx, 'address', address), at: now },
    attemptLimits,
  );
  if (reservation.outcome === 'refused') {
    const seconds = Math.max(1, Math.ceil((reservation.retryAt.getTime() - now.getTime()) / 1000));
    await onRefused(reservation.limit, seconds);
    throw new TooManyAttempts('too_many_sign_ins', REFUSALS[reservation.limit](waitText(seconds)), seconds);
  }
  const { id } = reservation;
  return {
    failed: () => markSignInFailed(ctx.store.db, id),
    succeeded: () => clearAfterSignIn(ctx.store.db, id, accountKey),
  };
}
