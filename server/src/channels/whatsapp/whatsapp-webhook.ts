import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { downloadWhatsappMedia, sendWhatsappText } from './graph-api.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { messagesOf, type WhatsappMessage } from './whatsapp-payload.js';
import { registerMetaWebhook } from '../meta/meta-webhook.js';

export const WHATSAPP_WEBHOOK_PATH = '/api/v1/channels/whatsapp/webhook';

const MALFORMED = DomainError.invalid({
  id: 'Isi kiriman bukan webhook WhatsApp yang sah',
  en: 'The body is not a valid WhatsApp webhook delivery',
});

const UNSUPPORTED =
  'Maaf, jenis pesan ini belum dapat diproses. Kirim laporan berupa teks, boleh dengan foto.';
// what a person sends that asks for no answer: a reaction, a system notice, a message WhatsApp could not show
const SILENT = new Set(['reaction', 'system', 'unsupported', 'unknown', 'errors', 'ephemeral']);

/**
 * The WhatsApp Business Cloud API's webhook (channels/meta/meta-webhook.ts: Meta's verify-token handshake, and
 * `X-Hub-Signature-256` checked over the raw body before anything is parsed, a 401 storing nothing when bad); POST
 * carries messages and status updates. Each message is
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
    registerMetaWebhook(
      app,
      WHATSAPP_WEBHOOK_PATH,
      config,
      async (body, request) => {
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
      },
      MALFORMED,
    );
  };
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
