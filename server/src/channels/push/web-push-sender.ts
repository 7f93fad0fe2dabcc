import webpush from 'web-push';
import type { PushSender, PushSubscriptionData } from '../../services/channels/push-sender.js';
import type { VapidKeys } from './push-config.js';

/** How long a push service keeps a message for a browser that is offline (seconds): a day. */
const TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 15_000;

/**
 * A push service refused or could not be reached. Its message names the status only: never the endpoint, which
 * identifies a browser (the error is logged and stored with the failed job).
 */
export class PushServiceError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'push service unreachable' : `push service answered ${status}`);
    this.name = 'PushServiceError';
  }
}

function matches(pattern: string, url: URL): boolean {
  const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
  if (!wildcard) return url.origin === pattern.toLowerCase();
  const [, scheme, domain] = wildcard;
  return `${url.protocol}//` === scheme && url.host.endsWith(`.${domain!.toLowerCase()}`);
}

/**
 * Web Push with the `web-push` library: it signs the VAPID JWT and encrypts the payload (RFC 8291, aes128gcm);
 * the request itself goes through fetch, without redirects, only to the listed push services.
 */
export function webPushSender(keys: VapidKeys, services: readonly string[]): PushSender {
  const allows = (endpoint: string): boolean => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    return services.some((s) => matches(s, url));
  };
  return {
    publicKey: keys.publicKey,
    allows,
    async send(subscription: PushSubscriptionData, payload: string) {
      if (!allows(subscription.endpoint)) return 'gone';
      const request = webpush.generateRequestDetails(subscription, payload, {
        vapidDetails: keys,
        TTL: TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      });
      const headers = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => name.toLowerCase() !== 'content-length')
          .map(([name, value]) => [name, String(value)]),
      );
      let response: Response;
      try {
        response = await fetch(request.endpoint, {
          method: 'POST',
          headers,
          body: request.body ? new Uint8Array(request.body) : undefined,
          redirect: 'error',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch {
        throw new PushServiceError(null);
      }
      await response.body?.cancel();
      if (response.status === 404 || response.status === 410) return 'gone';
      if (!response.ok) throw new PushServiceError(response.status);
      return 'sent';
    },
  };
}
