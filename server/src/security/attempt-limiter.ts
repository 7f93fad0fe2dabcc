import type { Text } from '../domain/text.js';
import { TooManyAttempts } from '../domain/too-many-attempts.js';

/** A refusal for going too fast: a bilingual 429 saying in seconds when to try again (`Retry-After`). */
export function tooManyAttempts(
  retryAfterSeconds: number,
  what: Text = { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
): TooManyAttempts {
  return new TooManyAttempts(
    'rate_limited',
    {
      id: `${what.id}; coba lagi dalam ${retryAfterSeconds} detik`,
      en: `${what.en}; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
    },
    retryAfterSeconds,
  );
}

export interface AttemptLimit {
  /** Attempts a key may make in one window (0: no limit). */
  max: number;
  windowMs: number;
  /** What is refused, for the message ("Terlalu banyak …; coba lagi dalam N detik"). */
  what?: Text;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Counts attempts per key (an address, an account) in fixed windows that start at a key's first attempt, in this
 * process's memory. For what @fastify/rate-limit cannot count: only failures (unknown citizen tokens), or keys
 * known only inside a handler (the signed-in account). At most `maxKeys` keys are kept; past that, expired
 * windows go first, then the oldest.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: AttemptLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one attempt by `key`; throws TooManyAttempts when the key had used up its window already. */
  take(key: string): void {
    this.refuseIfBlocked(key);
    this.record(key);
  }

  /** Throws TooManyAttempts while `key` has used up its window; counts nothing. */
  refuseIfBlocked(key: string): void {
    const wait = this.retryAfterSeconds(key);
    if (wait !== null) throw tooManyAttempts(wait, this.limit.what);
  }

  /** Seconds until `key` may try again, or null when it may now. */
  retryAfterSeconds(key: string): number | null {
    if (this.limit.max <= 0) return null;
    const window = this.current(key);
    if (!window || window.count < this.limit.max) return null;
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - this.now()) / 1000));
  }

  /** Counts one attempt (a failure, where only failures count). */
  record(key: string): void {
    if (this.limit.max <= 0) return;
    const window = this.current(key);
    if (window) {
      window.count++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.evict();
    this.windows.set(key, { start: this.now(), count: 1 });
  }

  private current(key: string): Window | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (this.now() - window.start < this.limit.windowMs) return window;
    this.windows.delete(key);
    return null;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, window] of this.windows)
      if (now - window.start >= this.limit.windowMs) this.windows.delete(key);
    // still full: the oldest windows go (a Map iterates in insertion order)
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
