import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { registerMetaWebhook } from '../meta/meta-webhook.js';
import type { MessengerConfig } from './messenger-config.js';
import { type MessengerMessage, messengerMessagesOf } from './messenger-payload.js';
import { COMMENT_PREFIX, type InstagramComment, instagramCommentsOf } from './instagram-comments.js';
import { downloadMessengerImage, privateReplyToComment, sendMessengerText } from './send-api.js';

export const messengerWebhookPath = (channel: string) => `/api/v1/channels/${channel}/webhook`;

const UNSUPPORTED =
  'Maaf, jenis pesan ini belum dapat diproses. Kirim laporan berupa teks, boleh dengan foto.';

/**
 * The webhook of a Facebook Page's or an Instagram account's messages (Meta's Messenger Platform): the handshake and
 * signature of channels/meta/meta-webhook.ts, then each message a person sent handled like any chat message
 * (services/channels/text-conversation.ts) with its `mid` as the message id, so a redelivery is one message.
 * Photos are fetched from Meta's CDN; an immediate answer goes back through the Send API, a new report's ticket by
 * the `received` notification after the commit. On Instagram, a comment on one of the account's posts (the webhook's
 * `comments` field) is handled the same way with `comment:<id>` as its id; it is answered by private reply.
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
        const comments = config.channel === 'instagram' ? instagramCommentsOf(body, config.accountId) : [];
        if (!messages || !comments) throw malformed;
        for (const message of messages) {
          const answer = await handle(ctx, config, message);
          if (answer)
            // the answer is a courtesy: a failed send must not make Meta redeliver what is already stored
            await sendMessengerText(config, message.from, answer).catch((error: Error) =>
              request.log.warn({ channel: config.channel, error: error.message }, 'answer not sent'),
            );
        }
        for (const comment of comments) {
          const answer = await handleComment(ctx, config, comment);
          if (answer)
            await privateReplyToComment(config, comment.id.slice(COMMENT_PREFIX.length), answer).catch(
              (error: Error) =>
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

/**
 * A comment on one of the account's posts, as a message from its author. Words are needed: a comment of emoji or
 * @names only ("🔥🔥", "@teman") is applause or a tag, not a complaint, and is left alone. An immediate answer (to
 * CEK, say) goes back as the comment's private reply.
 */
async function handleComment(
  ctx: AppContext,
  config: MessengerConfig,
  comment: InstagramComment,
): Promise<string | null> {
  if (!/[\p{L}\p{N}]/u.test(comment.text.replace(/@[\w.]+/g, ''))) return null;
  try {
    return await handleTextMessage(ctx, {
      channel: config.channel,
      messageId: comment.id,
      from: { kind: 'handle', value: comment.from },
      text: comment.text,
      raw: comment.raw,
    });
  } catch (error) {
    if (!(error instanceof DomainError) || error.httpStatus >= 500) throw error;
    return error.text.id;
  }
}
