import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/domain-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import type { Upload } from '../../services/intake/media-service.js';
import { downloadTelegramFile } from './telegram-api.js';
import type { TelegramConfig } from './telegram-config.js';

export const TELEGRAM_WEBHOOK_PATH = '/api/v1/channels/telegram/webhook';

// The part of an Update (https://core.telegram.org/bots/api#update) Sigap reads; Telegram sends more fields.
const Update = Type.Object({
  update_id: Type.Integer(),
  message: Type.Optional(
    Type.Object({
      message_id: Type.Integer(),
      chat: Type.Object({ id: Type.Integer() }),
      text: Type.Optional(Type.String({ maxLength: 4096 })),
      caption: Type.Optional(Type.String({ maxLength: 1024 })),
      photo: Type.Optional(
        Type.Array(
          Type.Object({
            file_id: Type.String({ minLength: 1, maxLength: 256 }),
            file_size: Type.Optional(Type.Integer()),
          }),
          { maxItems: 10 },
        ),
      ),
      location: Type.Optional(Type.Object({ latitude: Type.Number(), longitude: Type.Number() })),
    }),
  ),
});

const UNSIGNED = new DomainError(401, 'bad_secret', {
  id: 'Rahasia webhook tidak sah',
  en: 'The webhook secret is not valid',
});

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `/cek@SigapBot JK…` → `cek JK…`; `/start` → `info`: Telegram's commands as the keywords of every chat channel. */
export function commandText(text: string): string {
  const command = /^\/([A-Za-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!command) return text;
  const name = command[1]!.toLowerCase();
  return `${name === 'start' ? 'info' : name} ${command[2] ?? ''}`.trim();
}

/**
 * The bot's webhook: Telegram calls it with each update and the secret given to setWebhook in
 * `X-Telegram-Bot-Api-Secret-Token`; a wrong or missing secret is a 401 before the body is read. A message is
 * handled like any chat message (services/channels/text-conversation.ts), a location alone as the GPS point of the
 * sender's open report; an immediate answer goes back in the
 * webhook's response as a sendMessage call, as the Bot API allows, so no second request is needed.
 */
export function telegramWebhookRoutes(
  ctx: AppContext,
  config: TelegramConfig,
  channel = 'telegram',
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      TELEGRAM_WEBHOOK_PATH,
      {
        onRequest: async (request) => {
          if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], config.secret)) throw UNSIGNED;
        },
        bodyLimit: 256 * 1024,
        schema: { hide: true, body: Update },
      },
      async (request) => {
        const message = request.body.message;
        if (!message) return {};
        const chatId = message.chat.id;
        const text = commandText(message.text ?? message.caption ?? '');
        const uploads: Upload[] = [];
        const largest = message.photo?.at(-1);
        if (largest) {
          const data = await downloadTelegramFile(config, largest.file_id, ctx.media.limits.maxPhotoBytes);
          if (data) uploads.push({ data });
        }
        let answer: string | null;
        try {
          answer = await handleTextMessage(ctx, {
            channel,
            messageId: `${chatId}:${message.message_id}`,
            from: { kind: 'handle', value: String(chatId) },
            text,
            raw: request.body,
            uploads,
            ...(message.location
              ? { location: { lat: message.location.latitude, lng: message.location.longitude } }
              : {}),
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          answer = error.text.id;
        }
        return answer ? reply(chatId, message.message_id, answer) : {};
      },
    );
  };
}

function reply(chatId: number, messageId: number, text: string) {
  return { method: 'sendMessage', chat_id: chatId, text, reply_to_message_id: messageId };
}
