import type { FastifyInstance } from 'fastify';
import { AttemptLimiter } from '../security/attempt-limiter.js';
import { CitizenTokenRefused } from '../services/identity/citizen-tokens.js';
import { citizenToken } from './auth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
type AnyFastify = FastifyInstance<any, any, any, any, any>;

const MINUTE = 60_000;

/**
 * Guessing citizen tokens: a request whose citizen token (`Bearer warga_…`) matches nobody (malformed or unknown)
 * counts against its address; an address with `perMinute` such failures in its window is answered 429 (with
 * Retry-After) on every request carrying a citizen token until the window ends, its own valid token included,
 * so a guess that happens to hit is not told apart. Requests without a token are not affected.
 *
 * A guess is counted where the token is looked up: every lookup ends in `CitizenTokenRefused` when it opens
 * nothing, so the count is taken from that error and the token is looked up once per request. A route that
 * ignores the token answers the same whatever it is, so it cannot be used to guess and needs no count.
 */
export function registerCitizenTokenGuard(app: AnyFastify, perMinute: number): void {
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
    if (citizenToken(request)) failures.refuseIfBlocked(request.ip);
  });
  // a token that was real once (expired, replaced, ended, revoked) is not a guess; the route answers its 401
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof CitizenTokenRefused && (error.why === 'malformed' || error.why === 'unknown'))
      failures.record(request.ip);
  });
}
