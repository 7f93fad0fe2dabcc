import { createHash } from 'node:crypto';
import type pg from 'pg';

const names = new Map<string, string>();
const MAX_NAMES = 5_000;

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < MAX_NAMES) names.set(text, name);
  }
  return name;
}

type Query = (...args: unknown[]) => unknown;

/**
 * Sends every parameterised query as a named (server-side prepared) statement, so PostgreSQL parses and plans
 * each distinct SQL text once per connection instead of at every execution. Planning the intake's statements
 * cost more than running them (measured: 0.67 ms planning, 0.15 ms execution for the duplicate lookup).
 * Queries without parameters (DDL, BEGIN, multi-statement migrations) go through unchanged.
 */
export function preparePooledStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (
      config: unknown,
      values?: unknown,
      callback?: unknown,
    ) =>
      typeof config === 'string' && Array.isArray(values) && values.length > 0
        ? query({ name: nameOf(config), text: config, values }, callback)
        : query(config, values, callback);
  });
  return pool;
}
