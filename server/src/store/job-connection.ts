import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What pg-boss needs of a database connection (its `db` option): run a text with parameters, give rows. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** An executor that can tell when every statement it started has finished. */
export interface DrainableSqlExecutor extends SqlExecutor {
  /** Resolves once no statement is running (those started meanwhile included); never rejects. */
  settled(): Promise<void>;
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
export function sqlExecutor(db: Kysely<Database>): DrainableSqlExecutor {
  // pg-boss records a job's completion or failure without awaiting it: after its graceful stop such a statement
  // may still be running, and closing the store under it would reject it where nobody listens
  const running = new Set<Promise<unknown>>();
  const executeSql = async (text: string, values: unknown[] = []) => {
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
  };
  return {
    executeSql(text, values) {
      // pg-boss's worker records an outcome without awaiting it, so a handler still running at shutdown can make
      // it call here after the store closed: there is nothing left to record then, and a rejection would go
      // unheard (an unhandled rejection). No answer ends it quietly: pg-boss reads a missing result as "nothing
      // affected".
      const statement = executeSql(text, values).catch((error: unknown) => {
        if (
          error instanceof Error &&
          /driver has already been destroyed|Cannot use a pool after calling end/.test(error.message)
        )
          return null as unknown as { rows: unknown[] };
        throw error;
      });
      const tracked = statement.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      void tracked.then(() => running.delete(tracked));
      return statement;
    },
    async settled() {
      // a statement pg-boss starts right after its stop resolved is started within a few ticks
      await new Promise((resolve) => setImmediate(resolve));
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
