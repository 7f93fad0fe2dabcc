import { describe, expect, test } from 'vitest';
import { Coalescer } from '../../../src/store/coalescer.js';

/** Any run holding this item fails. */
const UNLUCKY = 13;

/**
 * A coalescer whose first run is held open until `release()`, to see what queues behind it; every run's items
 * are recorded, and each item is answered with `answer(item)`.
 */
function heldCoalescer<O>(answer: (item: number) => O, options: { maxBatch: number; retryAlone?: boolean }) {
  const runs: number[][] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const coalescer = new Coalescer<number, O>({
    ...options,
    run: async (items) => {
      runs.push(items);
      if (runs.length === 1) await released;
      if (items.includes(UNLUCKY)) throw new Error('unlucky');
      return items.map(answer);
    },
  });
  return { coalescer, runs, release };
}

describe('Coalescer', () => {
  test('a lone call runs at once; calls made meanwhile share the next run, in order', async () => {
    const { coalescer, runs, release } = heldCoalescer((n) => `#${n}`, { maxBatch: 10 });
    const one = coalescer.submit(1);
    expect(runs).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => coalescer.submit(n));
    expect(runs).toHaveLength(1);
    release();
    expect(await one).toBe('#1');
    expect(await Promise.all(later)).toEqual(['#2', '#3', '#4']);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  test('no run takes more than maxBatch items', async () => {
    const { coalescer, runs, release } = heldCoalescer((n) => n, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => coalescer.submit(n));
    release();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(runs).toEqual([[1], [2, 3], [4, 5]]);
  });

  test('a failed run fails its callers only; the next run goes ahead', async () => {
    const { coalescer, release } = heldCoalescer((n) => n, { maxBatch: 10 });
    const lone = coalescer.submit(1);
    const failing = [coalescer.submit(2), coalescer.submit(UNLUCKY)];
    release();
    expect(await lone).toBe(1);
    expect((await Promise.allSettled(failing)).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await coalescer.submit(3)).toBe(3);
  });

  test('with retryAlone, the items of a failed run are retried one by one, so only the bad one fails', async () => {
    const { coalescer, runs, release } = heldCoalescer((n) => n * 10, { maxBatch: 10, retryAlone: true });
    const lone = coalescer.submit(1);
    const batch = [2, UNLUCKY, 4].map((n) => coalescer.submit(n));
    release();
    expect(await lone).toBe(10);
    const settled = await Promise.allSettled(batch);
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([20, 'failed', 40]);
    expect(runs).toEqual([[1], [2, UNLUCKY, 4], [2], [UNLUCKY], [4]]);
  });

  test('a run that answers the wrong number of results fails its callers instead of mismatching them', async () => {
    const coalescer = new Coalescer<number, number>({ run: async () => [], maxBatch: 10 });
    await expect(coalescer.submit(1)).rejects.toThrow(/answered 0 results/);
  });
});
