import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What pg-boss needs of a database connection (its `db` option): run a text with parameters, give rows. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * pg-boss over the store's own pool, so its statements wait their turn like every other query. On the embedded
 * engine this is the only safe way: PGlite has one backend session behind one connection, and a second pool
 * would run pg-boss's statements inside whatever transaction the application has open.
 *
 * pg-boss sends some commands as one text that opens and commits its own transaction (`BEGIN; … COMMIT;`). If
 * such a text fails half-way, the session is left in an aborted transaction; the connection would go back to
 * the pool that way (on the embedded engine: the only one). So a failure there is followed by a ROLLBACK on the
 * same connection before it is released.
 */
export function sqlExecutor(db: Kysely<Database>): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const query = CompiledQuery.raw(text, values);
      if (db.isTransaction || !/\bBEGIN\b/i.test(text)) return db.executeQuery(query);
      return db.connection().execute(async (connection) => {
        try {
          return await connection.executeQuery(query);
        } catch (error) {
          await connection.executeQuery(ROLLBACK).catch(() => {});
          throw error;
        }
      });
    },
  };
}
