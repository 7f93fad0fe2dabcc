import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import { checkStorableText } from '../../http/unstorable-text.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { downloadXMedia, replyToXPost, sendXDirectMessage } from './x-api.js';
import type { XConfig } from './x-config.js';
import { type XMessage, xMessagesOf } from './x-payload.js';

export const X_WEBHOOK_PATH = '/api/v1/channels/twitter/webhook';

const UNSIGNED = new DomainError(401, 'bad_signature', {
  id: 'Tanda tangan webhook tidak sah',
  en: 'The webhook signature is not valid',
});
const NO_CRC = DomainError.invalid({
  id: 'crc_token wajib ada (1–256 karakter)',
  en: 'crc_token is required (1–256 characters)',
});
const MALFORMED = DomainError.invalid({
  id: 'Isi kiriman bukan webhook Account Activity X yang sah',
  en: 'The body is not a valid X Account Activity webhook delivery',
});

const hmac = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest();

/** `x-twitter-webhooks-signature: sha256=<base64>`, the HMAC-SHA256 of the raw body under the consumer secret. */
export function xSignatureValid(consumerSecret: string, header: unknown, rawBody: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const match = /^sha256=([A-Za-z0-9+/]{43}=)$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'base64');
  const expected = hmac(consumerSecret, rawBody);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The X Account Activity webhook. GET is the CRC challenge X sends when the webhook is registered and then hourly:
 * `crc_token` answered with `{response_token: "sha256=<base64 HMAC-SHA256 of the token under the consumer
 * secret>"}`. POST carries direct messages and posts, signed with `x-twitter-webhooks-signature` over the raw
 * body, checked before anything is parsed: a bad signature is a 401 and nothing is stored. Each message is handled
 * like any chat message (services/channels/text-conversation.ts); an immediate answer goes back the way it came (a
 * DM, or a reply under the post), a new report's ticket by the `received` notification after the commit.
 */
export function xWebhookRoutes(ctx: AppContext, config: XConfig, channel = 'twitter'): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 512 * 1024 },
      (_request, body, done) => done(null, body),
    );

    app.get(X_WEBHOOK_PATH, { schema: { hide: true } }, async (request) => {
      const token = (request.query as Record<string, unknown>).crc_token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 256) throw NO_CRC;
      return { response_token: `sha256=${hmac(config.consumerSecret, token).toString('base64')}` };
    });

    app.post(
      X_WEBHOOK_PATH,
      { config: { rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!xSignatureValid(config.consumerSecret, request.headers['x-twitter-webhooks-signature'], raw))
          throw UNSIGNED;
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw MALFORMED;
        }
        checkStorableText(body, 'body');
        const messages = xMessagesOf(body, config.userId);
        if (!messages) throw MALFORMED;
        for (const message of messages) {
          const answer = await handle(ctx, config, channel, message);
          if (!answer) continue;
          // the answer is a courtesy: a failed send must not make X redeliver what is already stored
          const sent =
            message.kind === 'post'
              ? replyToXPost(config, message.id.slice(5), answer)
              : sendXDirectMessage(config, message.from, answer);
          await sent.catch((error: Error) =>
            request.log.warn({ channel, error: error.message }, 'X answer not sent'),
          );
        }
        return {};
      },
    );
  };
}

async function handle(
  ctx: AppContext,
  config: XConfig,
  channel: string,
  message: XMessage,
): Promise<string | null> {
  const uploads: Upload[] = [];
  for (const url of message.photoUrls.slice(0, ctx.media.limits.maxPhotosPerReport)) {
    const data = await downloadXMedia(config, url, ctx.media.limits.maxPhotoBytes);
    if (data) uploads.push({ data });
  }
  if (!message.text.trim() && uploads.length === 0 && !message.location) return null;
  try {
    return await handleTextMessage(ctx, {
      channel,
      messageId: message.id,
      from: { kind: 'handle', value: message.from },
      text: message.text,
      raw: message.raw,
      uploads,
      ...(message.location ? { location: message.location } : {}),
    });
  } catch (error) {
    if (!(error instanceof DomainError) || error.httpStatus >= 500) throw error;
    return error.text.id;
  }
}
