import { describe, expect, test } from 'vitest';
import { startEmbedded } from '../../src/store/engine/embedded.js';
import { preparePooledStatements } from '../../src/store/engine/prepared-statements.js';
import { testEngines } from '../support/test-store.js';
import { testServer } from '../support/test-app.js';

describe('embedded engine connections', () => {
  test('a replaced connection starts from a clean session, as a new PostgreSQL connection would', async () => {
    const engine = await startEmbedded(null);
    const pool = preparePooledStatements(engine.pool);
    try {
      // a parameterised query is sent as a named prepared statement, which PGlite's one session keeps
      const ask = () => pool.query<{ answer: number }>('select $1::int as answer', [42]);
      expect((await ask()).rows[0]!.answer).toBe(42);
      await pool.query("select set_config('application_name', 'stale-setting', false)");
      const client = await pool.connect();
      client.release(true); // the pool discards the connection, as it does after an error or when idle
      expect((await ask()).rows[0]!.answer).toBe(42);
      const setting = await pool.query<{ name: string }>(
        "select current_setting('application_name') as name",
      );
      expect(setting.rows[0]!.name).not.toBe('stale-setting');
    } finally {
      await engine.close();
    }
  });
});

describe.each(testEngines())('health on %s', (engine) => {
  test('/healthz turns unhealthy while the database cannot answer, and healthy again after', async () => {
    const server = await testServer(engine);
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // hold every connection the pool has in an open transaction, so a new query must wait: transactions are
      // opened one at a time until one cannot start (the pool is exhausted), whatever the pool's size
      const releases: Array<() => void> = [];
      const held: Promise<void>[] = [];
      for (;;) {
        let started = false;
        held.push(
          server.ctx.store.db.transaction().execute(
            () =>
              new Promise<void>((release) => {
                started = true;
                releases.push(release);
              }),
          ),
        );
        for (let waited = 0; !started && waited < 1_000; waited += 20)
          await new Promise((resolve) => setTimeout(resolve, 20));
        if (!started) break;
      }
      const unhealthy = await fetch(`${server.url}/healthz`);
      expect(unhealthy.status).toBe(503);
      expect(await unhealthy.json()).toMatchObject({
        status: 'unavailable',
        message: { id: 'Basis data tidak menjawab', en: 'The database does not answer' },
      });
      // the last transaction starts once a connection is free; release it too
      releases.forEach((release) => release());
      while (releases.length < held.length) await new Promise((resolve) => setTimeout(resolve, 20));
      releases.forEach((release) => release());
      await Promise.all(held);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
