import { readLimited } from '../meta/meta-webhook.js';
import type { ChannelSender, MessageContext, SenderHandle } from '../../services/channels/channel-sender.js';
import type { WhatsappConfig } from './whatsapp-config.js';

/** WhatsApp lets a business answer freely for 24 hours after the customer's last message; later only a template. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

const auth = (config: WhatsappConfig) => ({ authorization: `Bearer ${config.accessToken}` });

/** Errors name the call and the status only: Meta's answers may quote the number. */
async function postMessage(config: WhatsappConfig, message: object): Promise<void> {
  const response = await fetch(`${config.graphUrl}/${config.phoneNumberId}/messages`, {
    method: 'POST',
    headers: { ...auth(config), 'content-type': 'application/json' },
    body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...message }),
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`WhatsApp messages answered ${response.status}`);
}

export function sendWhatsappText(config: WhatsappConfig, to: string, body: string): Promise<void> {
  return postMessage(config, { to, type: 'text', text: { preview_url: false, body: body.slice(0, 4096) } });
}

/** A template parameter may hold no newline or tab and no more than four spaces in a row. */
const parameter = (text: string) => ({ type: 'text', text: text.replace(/\s+/g, ' ').trim().slice(0, 900) });

/**
 * Answers and notifications as Cloud API messages. A notification to someone whose last message is older than the
 * 24-hour customer-service window is the approved template ({{1}} the ticket, {{2}} the status sentence), which
 * Meta delivers outside the window (and charges for); everything else is a plain text message.
 */
export function whatsappSender(config: WhatsappConfig): ChannelSender {
  return {
    async send(to: SenderHandle, text: string, about: MessageContext) {
      if (to.kind !== 'phone') throw new Error(`WhatsApp cannot reach a ${to.kind}`);
      const notice = about.notice;
      const windowOpen =
        !notice ||
        (notice.lastInboundAt !== null &&
          notice.now.getTime() - notice.lastInboundAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS);
      if (windowOpen) return sendWhatsappText(config, to.value, text);
      await postMessage(config, {
        to: to.value,
        type: 'template',
        template: {
          name: config.template,
          language: { code: 'id' },
          components: [{ type: 'body', parameters: [parameter(about.ticket), parameter(notice.sentence)] }],
        },
      });
    },
  };
}

/**
 * A photo the citizen sent, by its media id: the Graph API gives a short-lived address, fetched with the same
 * token. Null when it is larger than `maxBytes` (said beforehand or found while reading).
 */
export async function downloadWhatsappMedia(
  config: WhatsappConfig,
  mediaId: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const info = await fetch(`${config.graphUrl}/${encodeURIComponent(mediaId)}`, {
    headers: auth(config),
    signal: AbortSignal.timeout(15_000),
  });
  const media = (await info.json().catch(() => null)) as { url?: unknown; file_size?: unknown } | null;
  if (!info.ok || typeof media?.url !== 'string') throw new Error(`WhatsApp media answered ${info.status}`);
  if (typeof media.file_size === 'number' && media.file_size > maxBytes) return null;
  const response = await fetch(media.url, { headers: auth(config), signal: AbortSignal.timeout(30_000) });
  if (!response.ok || !response.body) throw new Error(`WhatsApp media download answered ${response.status}`);
  return readLimited(response, maxBytes);
}
