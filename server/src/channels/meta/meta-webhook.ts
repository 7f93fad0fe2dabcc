import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import { checkStorableText } from '../../http/unstorable-text.js';
import { metaSignatureValid } from './meta-signature.js';

const UNSIGNED = new DomainError(401, 'bad_signature', {
  id: 'Tanda tangan webhook tidak sah',
  en: 'The webhook signature is not valid',
});
const NOT_VERIFIED = new DomainError(403, 'bad_verify_token', {
  id: 'Token verifikasi webhook tidak cocok',
  en: 'The webhook verify token does not match',
});

/** A Meta app's webhook settings: the app secret that signs deliveries and the token of the handshake. */
export interface MetaWebhookSecrets {
  appSecret: string;
  verifyToken: string;
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A webhook of Meta's (WhatsApp Cloud API, Messenger Platform for Pages and Instagram), registered inside a plugin:
 * GET is the verification handshake (`hub.mode=subscribe`, the verify token typed into the app's settings, the
 * challenge echoed as text); POST carries deliveries signed with `X-Hub-Signature-256` over the raw body, which is
 * checked before anything is parsed: a bad signature is a 401 and nothing is stored. A signed body that is not
 * JSON, or holds NUL or broken Unicode, is a 400. `handle` gets the parsed body.
 */
export function registerMetaWebhook(
  app: FastifyInstance,
  path: string,
  secrets: MetaWebhookSecrets,
  handle: (body: unknown, request: FastifyRequest) => Promise<void>,
  malformed: DomainError,
  bodyLimit = 1024 * 1024,
): void {
  // the signature covers the bytes as sent: in this plugin JSON is kept raw and parsed after the check
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );

  app.get(path, { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const challenge = query['hub.challenge'];
    if (
      query['hub.mode'] !== 'subscribe' ||
      typeof challenge !== 'string' ||
      challenge.length > 256 ||
      !sameToken(query['hub.verify_token'], secrets.verifyToken)
    )
      throw NOT_VERIFIED;
    return reply.type('text/plain; charset=utf-8').send(challenge);
  });

  app.post(
    path,
    { config: { rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!metaSignatureValid(secrets.appSecret, request.headers['x-hub-signature-256'], raw)) throw UNSIGNED;
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw malformed;
      }
      // the app-wide check for NUL and broken Unicode saw only bytes here
      checkStorableText(body, 'body');
      await handle(body, request);
      return {};
    },
  );
}

/**
 * Reads a download to the end unless it passes `maxBytes` (then null: leaving the loop cancels it). For media a
 * citizen sent, fetched from Meta's servers.
 */
export async function readLimited(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) return null;
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
