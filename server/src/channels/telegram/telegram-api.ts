import type { ChannelSender, SenderHandle } from '../../services/channels/channel-sender.js';
import type { TelegramConfig } from './telegram-config.js';

/**
 * Telegram's Bot API (https://core.telegram.org/bots/api) over plain HTTPS calls: sendMessage for replies,
 * getFile and the file address for photos. Errors name the method and status only: the token is in the address.
 */
async function callBotApi<T>(config: TelegramConfig, method: string, body: object): Promise<T> {
  const response = await fetch(`${config.apiUrl}/bot${config.botToken}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await response.json().catch(() => null)) as { ok?: boolean; result?: T } | null;
  if (!response.ok || !answer?.ok) throw new Error(`Telegram ${method} answered ${response.status}`);
  return answer.result as T;
}

export function telegramSender(config: TelegramConfig): ChannelSender {
  return {
    async send(to: SenderHandle, text: string) {
      if (to.kind !== 'handle') throw new Error(`Telegram cannot reach a ${to.kind}`);
      await callBotApi(config, 'sendMessage', { chat_id: to.value, text });
    },
  };
}

/** A photo the citizen sent, fetched by its file id; null when Telegram says it is larger than `maxBytes`. */
export async function downloadTelegramFile(
  config: TelegramConfig,
  fileId: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const file = await callBotApi<{ file_path?: string; file_size?: number }>(config, 'getFile', {
    file_id: fileId,
  });
  if (!file.file_path || (file.file_size ?? 0) > maxBytes) return null;
  const response = await fetch(`${config.apiUrl}/file/bot${config.botToken}/${file.file_path}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`Telegram file download answered ${response.status}`);
  const data = Buffer.from(await response.arrayBuffer());
  return data.length > maxBytes ? null : data;
}
