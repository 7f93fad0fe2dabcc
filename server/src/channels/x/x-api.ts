import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { ChannelSender, MessageContext, SenderHandle } from '../../services/channels/channel-sender.js';
import { readLimited } from '../meta/meta-webhook.js';
import type { XConfig } from './x-config.js';

/** A post holds at most 280 characters. */
const MAX_POST = 280;
/** A direct message holds at most 10,000 characters. */
const MAX_DM = 10_000;

/** The OAuth 1.0a `Authorization` header of one call (the `oauth-1.0a` library; HMAC-SHA1 as X requires). */
function authorization(config: XConfig, method: string, url: string): string {
  const oauth = new OAuth({
    consumer: { key: config.consumerKey, secret: config.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const token = { key: config.accessToken, secret: config.accessTokenSecret };
  return oauth.toHeader(oauth.authorize({ url, method }, token)).Authorization;
}

/** Errors name the call and the status only: X's answers may quote the recipient. */
async function postJson(config: XConfig, path: string, body: object, what: string): Promise<void> {
  const url = `${config.apiUrl}${path}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: authorization(config, 'POST', url), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`X ${what} answered ${response.status}`);
}

const cut = (text: string, max: number) => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** A direct message (`POST /2/dm_conversations/with/{participant_id}/messages`). */
export function sendXDirectMessage(config: XConfig, to: string, text: string): Promise<void> {
  return postJson(
    config,
    `/2/dm_conversations/with/${encodeURIComponent(to)}/messages`,
    { text: cut(text, MAX_DM) },
    'DM',
  );
}

/** A public reply under a citizen's post (`POST /2/tweets` with `reply.in_reply_to_tweet_id`). */
export function replyToXPost(config: XConfig, postId: string, text: string): Promise<void> {
  return postJson(
    config,
    '/2/tweets',
    { text: cut(text, MAX_POST), reply: { in_reply_to_tweet_id: postId } },
    'reply',
  );
}

/**
 * Answers on X the way the citizen wrote: a report that came as a post mentioning the city (its first message's id
 * is `post:<id>`) is answered by a public reply under that post, with only the ticket and the status (what the
 * public list shows anyway); a report that came by direct message, by direct message.
 */
export function xSender(config: XConfig): ChannelSender {
  return {
    async send(to: SenderHandle, text: string, about: MessageContext) {
      if (to.kind !== 'handle') throw new Error(`X cannot reach a ${to.kind}`);
      const post = about.threadId?.startsWith('post:') ? about.threadId.slice(5) : null;
      if (post) return replyToXPost(config, post, text);
      return sendXDirectMessage(config, to.value, text);
    },
  };
}

/**
 * A photo from a message: a direct message's media (on ton.twitter.com, which wants the signed call) or a post's
 * (pbs.twimg.com, public). Null when larger than `maxBytes` or not on one of X's media hosts.
 */
export async function downloadXMedia(config: XConfig, url: string, maxBytes: number): Promise<Buffer | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const apiHost = new URL(config.apiUrl).hostname;
  const allowed =
    (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname === apiHost)) &&
    config.mediaHosts.includes(parsed.hostname);
  if (!allowed) return null;
  const response = await fetch(url, {
    headers: { authorization: authorization(config, 'GET', url) },
    signal: AbortSignal.timeout(30_000),
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`X media download answered ${response.status}`);
  return readLimited(response, maxBytes);
}
