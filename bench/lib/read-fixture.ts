import { createHash } from 'node:crypto';
import pg from 'pg';
import { configFromEnv } from '../../server/src/config.js';
import { bootContext } from '../../server/src/services/app/boot.js';
import { createUser } from '../../server/src/services/identity/staff-auth.js';
import { benchCitizenToken, bulkLoad } from './bulk-load.js';

/** Bump when the loaded data changes shape: a database loaded by an older version is loaded again. */
const FIXTURE_VERSION = 1;
export const OFFICER_PASSWORD = 'bench-password-1';
/** Officers of the busiest units and of ordinary kelurahan offices: their queues differ in size. */
const ORDINARY_OFFICERS = 4;

/** The vault key of the bench data: fixed, so a reused database opens in every run (never a real key). */
export const BENCH_VAULT_KEY = createHash('sha256').update('sigap-bench-reads').digest('base64');

export interface ReadFixture {
  url: string;
  reused: boolean;
  rows: number;
  citizens: number;
  officers: { username: string; unitId: string }[];
  /** Seconds spent loading (0 when reused). */
  loadSeconds: number;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface Meta {
  version: number;
  rows: number;
  citizens: number;
  officers: { username: string; unitId: string }[];
}

async function readMeta(url: string): Promise<Meta | null> {
  return withClient(url, async (client) => {
    const table = await client.query(`select to_regclass('bench_reads_fixture') as t`);
    if (!table.rows[0]?.t) return null;
    const row = await client.query<{ meta: Meta }>('select meta from bench_reads_fixture');
    return row.rows[0]?.meta ?? null;
  });
}

/**
 * The database `name` holding `rows` bulk reports with sealed identities and histories, officers and their
 * units: reused when an earlier run of the same fixture version loaded it completely, else (re)created and
 * loaded. The fixture's description is written last, so an interrupted load is never taken for a complete one.
 */
export async function ensureReadFixture(
  adminUrl: string,
  name: string,
  rows: number,
  dataDir: string,
): Promise<ReadFixture> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const exists = await withClient(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    return found.rowCount === 1;
  });
  if (exists && process.env.BENCH_RELOAD !== '1') {
    const meta = await readMeta(url.toString());
    if (meta && meta.version === FIXTURE_VERSION && meta.rows === rows)
      return { url: url.toString(), reused: true, ...meta, loadSeconds: 0 };
  }
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });

  const started = Date.now();
  const ctx = await bootContext(
    {
      ...configFromEnv({}),
      dataDir,
      databaseUrl: url.toString(),
      vaultKey: BENCH_VAULT_KEY,
      logLevel: 'warn',
    },
    undefined,
    { classifier: false },
  );
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  try {
    const load = await bulkLoad(pool, ctx.city, rows, { vault: ctx.vault, events: true });
    // kelurahan offices with the most open reports after the busy units: ordinary officers' queues
    const ordinary = await pool.query<{ unit: string }>(
      `select assigned_unit_id as unit from report
       where status in ('menunggu','koordinasi','disposisi','proses','ews') and not (assigned_unit_id = any($1))
       group by 1 order by count(*) desc, 1 limit $2`,
      [load.busyUnits.map((u) => u.id), ORDINARY_OFFICERS],
    );
    const units = [...load.busyUnits.map((u) => u.id), ...ordinary.rows.map((r) => r.unit)];
    const officers = units.map((unitId, i) => ({ username: `bench-officer-${i + 1}`, unitId }));
    for (const o of officers)
      await createUser(ctx, {
        ...o,
        password: OFFICER_PASSWORD,
        displayName: `Petugas uji ${o.username}`,
        role: 'officer',
      });
    const meta: Meta = { version: FIXTURE_VERSION, rows, citizens: load.citizens, officers };
    await pool.query('create table bench_reads_fixture (meta jsonb not null)');
    await pool.query('insert into bench_reads_fixture values ($1)', [JSON.stringify(meta)]);
    return { url: url.toString(), reused: false, ...meta, loadSeconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end();
    await ctx.store.close();
  }
}

/**
 * Before every run: no bulk report is due for escalation (the server's sweep starts with it and would write
 * while the reads are measured), as if the sweep had already escalated them as far as they go.
 */
export async function quietEscalations(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const moved = await client.query(
      `update report set next_escalation_at = now() + interval '30 days'
       where next_escalation_at < now() + interval '1 day'`,
    );
    return moved.rowCount ?? 0;
  });
}

/** `count` reports picked at random over the whole table, with their owner's citizen token. */
export async function citizenReports(
  fixture: ReadFixture,
  count: number,
): Promise<{ ticket: string; token: string }[]> {
  return withClient(fixture.url, async (client) => {
    const picked = await client.query<{ ticket: string; n: number }>(
      `with picks as (
         select distinct 'JBULK' || lpad((1 + floor(random() * $1))::int::text, 10, '0') as ticket
         from generate_series(1, $2)
       ), owners as (
         select n, md5('bench-citizen-' || n)::uuid as id from generate_series(1, $3::int) n
       )
       select r.ticket, o.n from picks p join report r using (ticket) join owners o on o.id = r.citizen_id`,
      [fixture.rows, count, fixture.citizens],
    );
    return picked.rows.map((r) => ({ ticket: r.ticket, token: benchCitizenToken(r.n) }));
  });
}
