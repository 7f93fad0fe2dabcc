import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabaseWhenIdle } from '../../server/src/store/drop-database.js';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  /** Drops the database, closing whatever connections are still open (`with (force)`). Safe to call twice. */
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database `sigap_bench_<random>` on the server the admin URL points at. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `sigap_bench_${randomBytes(5).toString('hex')}`;
  const serverVersion = await withAdmin(adminUrl, async (client) => {
    await client.query(`create database ${name}`);
    const row = await client.query<{ server_version: string }>('show server_version');
    return row.rows[0]?.server_version ?? '?';
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    serverVersion,
    async drop() {
      if (dropped) return;
      dropped = true;
      await dropDatabaseWhenIdle(adminUrl, name);
    },
  };
}

/** The host:port part of a connection URL, for printing (never the credentials). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}
