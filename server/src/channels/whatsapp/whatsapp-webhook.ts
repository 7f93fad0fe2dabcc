import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import { checkStorableText } from '../../http/unstorable-text.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { downloadWhatsappMedia, sendWhatsappText } from './graph-api.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { messagesOf, type WhatsappMessage } from './whatsapp-payload.js';
import { metaSignatureValid } from './whatsapp-signature.js';

export const WHATSAPP_WEBHOOK_PATH = '/api/v1/channels/whatsapp/webhook';

const UNSIGNED = new DomainError(401, 'bad_signature', {
  id: 'Tanda tangan webhook tidak sah',
  en: 'The webhook signature is not valid',
});
const NOT_VERIFIED = new DomainError(403, 'bad_verify_token', {
  id: 'Token verifikasi webhook tidak cocok',
  en: 'The webhook verify token does not match',
});
const MALFORMED = DomainError.invalid({
  id: 'Isi kiriman bukan webhook WhatsApp yang sah',
  en: 'The body is not a valid WhatsApp webhook delivery',
});

const UNSUPPORTED =
  'Maaf, jenis pesan ini belum dapat diproses. Kirim laporan berupa teks, boleh dengan foto.';
// what a person sends that asks for no answer: a reaction, a system notice, a message WhatsApp could not show
const SILENT = new Set(['reaction', 'system', 'unsupported', 'unknown', 'errors', 'ephemeral']);

/**
 * The WhatsApp Business Cloud API's webhook. GET is Meta's verification handshake (the verify token typed into the
 * app's settings); POST carries messages and status updates, signed with `X-Hub-Signature-256` over the raw body,
 * which is checked before anything is parsed: a bad signature is a 401 and nothing is stored. Each message is
 * handled like any chat message (services/channels/text-conversation.ts) with its wamid as the message id, so a
 * redelivery is one message; an immediate answer is sent through the Graph API, a new report's ticket by the
 * `received` notification after the commit.
 */
export function whatsappWebhookRoutes(
  ctx: AppContext,
  config: WhatsappConfig,
  channel = 'whatsapp',
): FastifyPluginAsync {
  return async (app) => {
    // the signature covers the bytes as sent: in this plugin JSON is kept raw and parsed after the check
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    app.get(WHATSAPP_WEBHOOK_PATH, { schema: { hide: true } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const challenge = query['hub.challenge'];
      if (
        query['hub.mode'] !== 'subscribe' ||
        typeof challenge !== 'string' ||
        challenge.length > 256 ||
        !metaTokenEqual(query['hub.verify_token'], config.verifyToken)
      )
        throw NOT_VERIFIED;
      return reply.type('text/plain; charset=utf-8').send(challenge);
    });

    app.post(
      WHATSAPP_WEBHOOK_PATH,
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: { hide: true },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!metaSignatureValid(config.appSecret, request.headers['x-hub-signature-256'], raw))
          throw UNSIGNED;
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw MALFORMED;
        }
        // the app-wide check for NUL and broken Unicode saw only bytes here
        checkStorableText(body, 'body');
        const messages = messagesOf(body);
        if (!messages) throw MALFORMED;
        for (const message of messages) {
          const answer = await handle(ctx, config, channel, message);
          if (answer)
            // the answer is a courtesy: a failed send must not make Meta redeliver what is already stored
            await sendWhatsappText(config, message.from, answer).catch((error: Error) =>
              request.log.warn({ channel, error: error.message }, 'WhatsApp answer not sent'),
            );
        }
        return {};
      },
    );
  };
}

function metaTokenEqual(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function handle(
  ctx: AppContext,
  config: WhatsappConfig,
  channel: string,
  message: WhatsappMessage,
): Promise<string | null> {
  if (SILENT.has(message.type)) return null;
  if (message.type === 'location' && !message.location) return UNSUPPORTED;
  if (message.type !== 'text' && message.type !== 'image' && message.type !== 'location') return UNSUPPORTED;
  const uploads: Upload[] = [];
  if (message.imageId) {
    const data = await downloadWhatsappMedia(config, message.imageId, ctx.media.limits.maxPhotoBytes);
    if (data) uploads.push({ data });
  }
  try {
    return await handleTextMessage(ctx, {
      channel,
      messageId: message.id,
      from: { kind: 'phone', value: message.from },
      text: message.text,
      raw: message.raw,
      uploads,
      ...(message.location ? { location: message.location } : {}),
    });
  } catch (error) {
    // the sender's mistake (an empty report, say) is told to the sender
    if (!(error instanceof DomainError) || error.httpStatus >= 500) throw error;
    return error.text.id;
  }
}
