import type { FastifyInstance } from 'fastify';
import { AttemptLimiter } from '../security/attempt-limiter.js';
import type { AppContext } from '../services/app/app-context.js';
import { checkCitizenToken } from '../services/identity/citizen-tokens.js';
import { citizenToken } from './auth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
type AnyFastify = FastifyInstance<any, any, any, any, any>;

const MINUTE = 60_000;

/**
 * Guessing citizen tokens: a request that carries a citizen token (`Bearer warga_…`) matching nobody (malformed or
 * unknown) counts
 * against its address; an address with `perMinute` such failures in its window is answered 429 (with
 * Retry-After) on every request carrying a citizen token until the window ends, its own valid token included,
 * so a guess that happens to hit is not told apart. Requests without a token are not affected.
 */
export function registerCitizenTokenGuard(app: AnyFastify, ctx: AppContext, perMinute: number): void {
  if (perMinute <= 0) return;
  const failures = new AttemptLimiter({
    max: perMinute,
    windowMs: MINUTE,
    what: {
      id: 'Terlalu banyak token warga yang tidak dikenal dari alamat ini',
      en: 'Too many unknown citizen tokens from this address',
    },
  });
  app.addHook('onRequest', async (request) => {
    const token = citizenToken(request);
    if (!token) return;
    failures.refuseIfBlocked(request.ip);
    // a token that was real once (expired, replaced, ended, revoked) is not a guess; the route answers its 401
    const check = await checkCitizenToken(ctx, token);
    if (!check.live && (check.why === 'malformed' || check.why === 'unknown')) failures.record(request.ip);
  });
}
