import { createHmac } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth and dates as ISO strings: the same value gives the same text
 * whether it comes from the code that writes it or back from a jsonb column (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * One link of a tamper-evident chain: HMAC-SHA256, under a secret the database does not hold, of the previous
 * link and this entry. Changing, removing, inserting or reordering an entry breaks every link after it, and
 * without the secret nobody can compute the links again.
 */
export function chainLink(secret: Buffer, previous: string, entry: unknown): string {
  return createHmac('sha256', secret)
    .update(previous)
    .update('\n')
    .update(canonicalJson(entry))
    .digest('hex');
}
