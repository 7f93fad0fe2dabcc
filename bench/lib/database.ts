import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
      await withAdmin(adminUrl, async (client) => {
        // Pools that were just ended may still be closing their connections; a forced drop would cut them
        // off mid-goodbye, which node-postgres reports as an error event on the pool. Let them go first.
        for (let waited = 0; waited < 3000; waited += 50) {
          const open = await client.query(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if ((open.rows[0] as { n: number } | undefined)?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** The host:port part of a connection URL, for printing (never the credentials). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}
