import { expect, vi } from 'vitest';

/**
 * Every call the server made (besides the test's own, to `base`) went to `target` and arrived there: the fake's
 * own count of what it received catches up with the calls made. A notification may still be on its way when a
 * test asks, so this waits for the counts to meet; a call that never arrives still fails it.
 */
export async function expectEveryCallArrivedAt(
  outbound: readonly string[],
  base: string,
  target: string,
  arrivedCount: () => number,
): Promise<void> {
  const fromServer = () => outbound.filter((url) => !url.startsWith(base));
  await vi.waitFor(() => expect(fromServer().length).toBe(arrivedCount()), {
    timeout: 30_000,
    interval: 100,
  });
  expect(fromServer().every((url) => url.startsWith(target))).toBe(true);
}
