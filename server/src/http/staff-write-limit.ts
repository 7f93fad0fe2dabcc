import type { FastifyInstance } from 'fastify';
import { AttemptLimiter } from '../security/attempt-limiter.js';
import type { AppContext } from '../services/app/app-context.js';
import { signedInStaff } from './auth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
type AnyFastify = FastifyInstance<any, any, any, any, any>;

const MINUTE = 60_000;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes by one staff account (officer actions, desk intake, reveal requests, admin retries, sign-out): at most
 * `perMinute` in a window that starts at the account's first write, then a 429 with Retry-After until it ends.
 * Counted per account, not per address, so colleagues behind one office proxy never slow each other; a request
 * without a valid session is not counted here (the route answers 401). The session is looked up once per request
 * (auth.ts#signedInStaff): the route reuses this lookup.
 */
export function registerStaffWriteLimit(app: AnyFastify, ctx: AppContext, perMinute: number): void {
  if (perMinute <= 0) return;
  const writes = new AttemptLimiter({
    max: perMinute,
    windowMs: MINUTE,
    what: { id: 'Terlalu banyak tindakan dari akun ini', en: 'Too many actions from this account' },
  });
  app.addHook('onRequest', async (request) => {
    if (READS.has(request.method)) return;
    const user = await signedInStaff(ctx, request);
    if (user) writes.take(user.id);
  });
}
