import pg from 'pg';

/**
 * Drops a scratch database (tests, benchmarks) on the server the admin URL points at. Pools that were just
 * ended may still be closing their connections; a forced drop would cut them off mid-goodbye, which
 * node-postgres reports as an error event nobody listens to any more. So it waits for them (up to 3 s) first.
 */
export async function dropDatabaseWhenIdle(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a scratch database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let waited = 0; waited < 3000; waited += 50) {
      const open = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (open.rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
