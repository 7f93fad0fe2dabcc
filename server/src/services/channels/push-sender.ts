/** A browser's Web Push subscription, as `PushSubscription.toJSON()` gives it (personal data: sealed at rest). */
export interface PushSubscriptionData {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Web Push (channels/push/): the VAPID public key browsers subscribe with, which push services it may call, and
 * the send itself. `send` answers `gone` when the push service says the subscription no longer exists (404/410),
 * and throws, without the endpoint or keys in the error, when it refuses otherwise or cannot be reached, so the job
 * retries with backoff.
 */
export interface PushSender {
  readonly publicKey: string;
  /** Whether an endpoint belongs to a push service this server will call (SIGAP_PUSH_SERVICES). */
  allows(endpoint: string): boolean;
  send(subscription: PushSubscriptionData, payload: string): Promise<'sent' | 'gone'>;
}
