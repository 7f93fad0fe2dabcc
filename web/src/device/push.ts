import { api, bearer, failure } from '../api/client';

/**
 * Web Push on this device: whether the browser can be told of a report's status changes, and following or no
 * longer following a report. The subscription goes only to this server (which seals it); the device remembers
 * which tickets it follows in localStorage.
 */
export type PushSupport = 'unsupported' | 'blocked' | 'available';

export function pushSupport(): PushSupport {
  if (
    !window.isSecureContext ||
    !('serviceWorker' in navigator) ||
    !('PushManager' in window) ||
    !('Notification' in window)
  )
    return 'unsupported';
  return Notification.permission === 'denied' ? 'blocked' : 'available';
}

/** Why following did not work, for the person: permission refused, or the browser could not subscribe. */
export class PushNotPossible extends Error {
  constructor(readonly why: 'denied' | 'failed') {
    super(why);
  }
}

const KEY = 'sigap.following';

function followed(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function remember(tickets: string[]) {
  try {
    localStorage.setItem(KEY, JSON.stringify(tickets));
  } catch {
    // storage refused: the server still follows it; the button shows "notify me" again
  }
}

export const isFollowing = (ticket: string): boolean => followed().includes(ticket);

/** The server's VAPID key, or null when this server sends no push notifications. */
export async function serverPushKey(): Promise<string | null> {
  try {
    const { data } = await api.GET('/api/v1/push/key');
    return data?.publicKey ?? null;
  } catch {
    return null;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The app's service worker (web/public/sw.js), registered if it was not yet; at most 10 s. */
async function worker(): Promise<ServiceWorkerRegistration> {
  const existing = await navigator.serviceWorker.getRegistration('/');
  if (existing?.active) return existing;
  if (!existing) await navigator.serviceWorker.register('/sw.js');
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<never>((_, reject) => setTimeout(() => reject(new PushNotPossible('failed')), 10_000)),
  ]);
}

export async function followReport(ticket: string, token: string, publicKey: string): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushNotPossible('denied');
  let subscription: PushSubscription;
  try {
    const registration = await worker();
    subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      }));
  } catch {
    throw new PushNotPossible('failed');
  }
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  const { data, error, response } = await api.POST('/api/v1/reports/{ticket}/push', {
    params: { path: { ticket } },
    headers: bearer(token),
    body: { endpoint: json.endpoint, keys: json.keys },
  });
  if (!data) throw failure(response, error);
  remember([ticket, ...followed().filter((t) => t !== ticket)]);
}

export async function unfollowReport(ticket: string, token: string): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (subscription) {
    const { data, error, response } = await api.DELETE('/api/v1/reports/{ticket}/push', {
      params: { path: { ticket } },
      headers: bearer(token),
      body: { endpoint: subscription.endpoint },
    });
    if (!data) throw failure(response, error);
  }
  const rest = followed().filter((t) => t !== ticket);
  remember(rest);
  // no report left to hear about: the browser's subscription is given up too
  if (subscription && rest.length === 0) await subscription.unsubscribe().catch(() => false);
}
