import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { openTestStore, testEngines } from '../support/test-store.js';

describe.each(testEngines())('store on %s', (engine) => {
  test('migrates to the latest schema and answers queries', async () => {
    const store = await openTestStore(engine);
    try {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(
        store.db,
      );
      const names = tables.rows.map((r) => r.table_name);
      expect(names).toEqual(expect.arrayContaining(['report', 'report_event', 'reporter_identity', 'unit']));
    } finally {
      await store.close();
    }
  });
});
