import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { registerMetaWebhook } from '../meta/meta-webhook.js';
import type { MessengerConfig } from './messenger-config.js';
import { type MessengerMessage, messengerMessagesOf } from './messenger-payload.js';
import { downloadMessengerImage, sendMessengerText } from './send-api.js';

export const messengerWebhookPath = (channel: string) => `/api/v1/channels/${channel}/webhook`;

const UNSUPPORTED =
  'Maaf, jenis pesan ini belum dapat diproses. Kirim laporan berupa teks, boleh dengan foto.';

/**
 * The webhook of a Facebook Page's or an Instagram account's messages (Meta's Messenger Platform): the handshake and
 * signature of channels/meta/meta-webhook.ts, then each message a person sent handled like any chat message
 * (services/channels/text-conversation.ts) with its `mid` as the message id, so a redelivery is one message.
 * Photos are fetched from Meta's CDN; an immediate answer goes back through the Send API, a new report's ticket by
 * the `received` notification after the commit.
 */
export function messengerWebhookRoutes(ctx: AppContext, config: MessengerConfig): FastifyPluginAsync {
  const object = config.channel === 'facebook' ? 'page' : 'instagram';
  const malformed = DomainError.invalid({
    id: `Isi kiriman bukan webhook ${config.channel === 'facebook' ? 'Facebook Page' : 'Instagram'} yang sah`,
    en: `The body is not a valid ${config.channel === 'facebook' ? 'Facebook Page' : 'Instagram'} webhook delivery`,
  });
  return async (app) => {
    registerMetaWebhook(
      app,
      messengerWebhookPath(config.channel),
      config,
      async (body, request) => {
        const messages = messengerMessagesOf(body, object, config.accountId);
        if (!messages) throw malformed;
        for (const message of messages) {
          const answer = await handle(ctx, config, message);
          if (answer)
            // the answer is a courtesy: a failed send must not make Meta redeliver what is already stored
            await sendMessengerText(config, message.from, answer).catch((error: Error) =>
              request.log.warn({ channel: config.channel, error: error.message }, 'answer not sent'),
            );
        }
      },
      malformed,
      256 * 1024,
    );
  };
}

async function handle(
  ctx: AppContext,
  config: MessengerConfig,
  message: MessengerMessage,
): Promise<string | null> {
  const uploads: Upload[] = [];
  for (const url of message.imageUrls.slice(0, ctx.media.limits.maxPhotosPerReport)) {
    const data = await downloadMessengerImage(config, url, ctx.media.limits.maxPhotoBytes);
    if (data) uploads.push({ data });
  }
  if (!message.text.trim() && uploads.length === 0 && !message.location)
    return message.other ? UNSUPPORTED : null;
  try {
    return await handleTextMessage(ctx, {
      channel: config.channel,
      messageId: message.id,
      from: { kind: 'handle', value: message.from },
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
