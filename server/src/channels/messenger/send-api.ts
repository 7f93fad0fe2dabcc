import type { ChannelSender, MessageContext, SenderHandle } from '../../services/channels/channel-sender.js';
import { readLimited } from '../meta/meta-webhook.js';
import { COMMENT_PREFIX } from './instagram-comments.js';
import type { MessengerConfig } from './messenger-config.js';

/** Meta lets a Page or an Instagram account answer freely for 24 hours after the person's last message. */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Instagram's human-agent tag reaches a person for 7 days after their last message; nothing does later. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The longest text a message may hold: Messenger 2,000 characters, Instagram 1,000 bytes (taken as characters). */
const MAX_TEXT = { facebook: 2000, instagram: 1000 };

/** One call to the Graph API with the token as a bearer header; errors name the call and the status only. */
async function postGraph(config: MessengerConfig, path: string, body: object, what: string): Promise<void> {
  const response = await fetch(`${config.graphUrl}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${config.channel} ${what} answered ${response.status}`);
}

const cut = (config: MessengerConfig, text: string) => [...text].slice(0, MAX_TEXT[config.channel]).join('');

/**
 * Posts one message with the Send API (`POST {graph}/{account-id}/messages`), the token as a bearer header so it
 * never sits in a URL. Errors name the call and the status only: Meta's answers may quote the recipient.
 */
export async function sendMessengerText(
  config: MessengerConfig,
  to: string,
  text: string,
  tag: { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: string } = {
    messaging_type: 'RESPONSE',
  },
): Promise<void> {
  await postGraph(
    config,
    `${config.accountId}/messages`,
    { recipient: { id: to }, ...tag, message: { text: cut(config, text) } },
    'Send API',
  );
}

/**
 * A private reply to a comment: a direct message to its author (`POST {graph}/{account-id}/messages` with
 * `recipient.comment_id`). Meta allows one per comment, within 7 days of it
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies).
 */
export function privateReplyToComment(
  config: MessengerConfig,
  commentId: string,
  text: string,
): Promise<void> {
  return postGraph(
    config,
    `${config.accountId}/messages`,
    { recipient: { comment_id: commentId }, message: { text: cut(config, text) } },
    'private reply',
  );
}

/** A public reply under a comment (`POST {graph}/{comment-id}/replies` with `message`), seen by anyone. */
export function replyToComment(config: MessengerConfig, commentId: string, text: string): Promise<void> {
  return postGraph(
    config,
    `${encodeURIComponent(commentId)}/replies`,
    { message: cut(config, text) },
    'comment reply',
  );
}

/**
 * Answers and notifications through the Send API. Within 24 hours of the person's last message: a plain response.
 * Later, a Page sends with the `ACCOUNT_UPDATE` tag (an update about something the person started); Instagram only
 * has the `HUMAN_AGENT` tag, for 7 days; past that the send fails and, after its retries, is listed for admins.
 */
export function messengerSender(config: MessengerConfig): ChannelSender {
  return {
    async send(to: SenderHandle, text: string, about: MessageContext) {
      if (to.kind !== 'handle') throw new Error(`${config.channel} cannot reach a ${to.kind}`);
      const comment = about.threadId?.startsWith(COMMENT_PREFIX)
        ? about.threadId.slice(COMMENT_PREFIX.length)
        : null;
      // a report that came as a comment: its ticket privately (the one private reply Meta allows), then each
      // status publicly under the comment, with only the ticket and the status (what the public list shows)
      if (comment)
        return about.notice?.facts.kind === 'status_changed'
          ? replyToComment(config, comment, text)
          : privateReplyToComment(config, comment, text);
      const notice = about.notice;
      const since = notice?.lastInboundAt ? notice.now.getTime() - notice.lastInboundAt.getTime() : null;
      if (!notice || (since !== null && since < STANDARD_WINDOW_MS))
        return sendMessengerText(config, to.value, text);
      if (config.channel === 'facebook')
        return sendMessengerText(config, to.value, text, {
          messaging_type: 'MESSAGE_TAG',
          tag: 'ACCOUNT_UPDATE',
        });
      if (since !== null && since < HUMAN_AGENT_WINDOW_MS)
        return sendMessengerText(config, to.value, text, {
          messaging_type: 'MESSAGE_TAG',
          tag: 'HUMAN_AGENT',
        });
      throw new Error('instagram: the person last wrote more than 7 days ago; Meta allows no message now');
    },
  };
}

/** Whether an attachment's address is on one of the hosts media may come from (no fetching elsewhere). */
export function allowedMediaUrl(config: MessengerConfig, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.protocol === 'http:' && parsed.hostname !== new URL(config.graphUrl).hostname) return false;
  return config.mediaHosts.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`));
}

/**
 * A photo a citizen sent: the attachment's address on Meta's CDN (a signed, short-lived URL that needs no token,
 * so none is sent). Null when it is larger than `maxBytes` or its address is not one of Meta's.
 */
export async function downloadMessengerImage(
  config: MessengerConfig,
  url: string,
  maxBytes: number,
): Promise<Buffer | null> {
  if (!allowedMediaUrl(config, url)) return null;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'error' });
  if (!response.ok) throw new Error(`${config.channel} media download answered ${response.status}`);
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  return readLimited(response, maxBytes);
}
