import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Engine, openStore, type Store } from '../../src/store/database.js';
import { dropDatabaseWhenIdle } from '../../src/store/drop-database.js';

/**
 * The engines a test file runs against. `npm test` uses the embedded engine; `.ci/run` sets
 * SIGAP_TEST_ENGINES=postgres and SIGAP_TEST_PG_URL to run the same suites on a PostgreSQL server.
 */
export function testEngines(): Engine[] {
  const wanted = (process.env.SIGAP_TEST_ENGINES ?? 'embedded').split(',').map((s) => s.trim());
  return wanted.filter((e): e is Engine => e === 'embedded' || e === 'postgres');
}

function adminUrl(): string {
  const url = process.env.SIGAP_TEST_PG_URL;
  if (!url)
    throw new Error('SIGAP_TEST_PG_URL must point at a PostgreSQL server to test the postgres engine');
  return url;
}

/** A new, empty database on the test PostgreSQL server, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sigap_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await dropDatabaseWhenIdle(adminUrl(), name);
    },
  };
}

/** A fresh, empty, migrated database: in memory for the embedded engine, a new database on the server otherwise. */
export async function openTestStore(engine: Engine): Promise<Store> {
  if (engine === 'embedded') return openStore({ databaseUrl: null, dataDir: null });
  const database = await createPostgresDatabase();
  const store = await openStore({ databaseUrl: database.url, dataDir: null, poolSize: 8 });
  return {
    ...store,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}
