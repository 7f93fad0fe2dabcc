import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TooManyAttempts } from '../../../src/domain/too-many-attempts.js';
import { AttemptLimiter } from '../../../src/security/attempt-limiter.js';

describe('AttemptLimiter', () => {
  it('lets max attempts through per window, then refuses with the seconds left until the window ends', () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter({ max: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) limiter.take('a');
    now += 15_500;
    const refusal = (() => {
      try {
        limiter.take('a');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(TooManyAttempts);
    expect(refusal).toMatchObject({
      httpStatus: 429,
      code: 'rate_limited',
      retryAfterSeconds: 45,
      text: {
        id: 'Terlalu banyak permintaan; coba lagi dalam 45 detik',
        en: 'Too many requests; try again in 45 seconds',
      },
    });
    // another key is not affected; the window's end frees the key
    expect(() => limiter.take('b')).not.toThrow();
    now += 44_500;
    expect(() => limiter.take('a')).not.toThrow();
  });

  it('agrees with a plain count of each key’s attempts since its window began, for any sequence', () => {
    const step = fc.record({
      key: fc.constantFrom('x', 'y', 'z'),
      wait: fc.integer({ min: 0, max: 30_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1_000, max: 60_000 }),
        fc.array(step, { maxLength: 60 }),
        (max, windowMs, steps) => {
          let now = 0;
          const limiter = new AttemptLimiter({ max, windowMs }, () => now);
          const model = new Map<string, { start: number; count: number }>();
          for (const { key, wait } of steps) {
            now += wait;
            let w = model.get(key);
            if (w && now - w.start >= windowMs) w = undefined;
            const allowed = !w || w.count < max;
            let threw: TooManyAttempts | null = null;
            try {
              limiter.take(key);
            } catch (error) {
              threw = error as TooManyAttempts;
            }
            expect(threw === null).toBe(allowed);
            if (threw) {
              expect(threw.retryAfterSeconds).toBeGreaterThanOrEqual(1);
              expect(threw.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(windowMs / 1000));
            } else model.set(key, w ? { ...w, count: w.count + 1 } : { start: now, count: 1 });
          }
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('counts only what is recorded: failures block, checks alone do not', () => {
    const limiter = new AttemptLimiter({ max: 2, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 10; i++) limiter.refuseIfBlocked('ip');
    limiter.record('ip');
    limiter.record('ip');
    expect(() => limiter.refuseIfBlocked('ip')).toThrow(TooManyAttempts);
  });

  it('keeps at most maxKeys keys, dropping expired windows first', () => {
    let now = 0;
    const limiter = new AttemptLimiter({ max: 1, windowMs: 1_000 }, () => now, 3);
    limiter.record('old');
    now = 500;
    limiter.record('blocked');
    now = 1_200; // "old" has expired, "blocked" has not
    limiter.record('c');
    limiter.record('d');
    expect(limiter.retryAfterSeconds('blocked')).toBe(1);
    limiter.record('e'); // full: the oldest still-open window goes
    expect(limiter.retryAfterSeconds('blocked')).toBeNull();
    expect(limiter.retryAfterSeconds('e')).toBe(1);
  });

  it('a limit of 0 never refuses', () => {
    const limiter = new AttemptLimiter({ max: 0, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) limiter.take('k');
  });
});
