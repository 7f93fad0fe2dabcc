// npm run bench:kpis — the dashboard's and the monitoring room's figures read from the rollups (migration 0019)
// against the same figures computed the naive way (GROUP BY over every report), in the same run, on PostgreSQL.
//
//   KPI_REPORTS   reports to load (default 10,000,000)
//   KPI_DAYS      days they are spread over, ending now (default 1,095: three years)
//   KPI_RUNS      timed runs of each rollup read (default 50); KPI_NAIVE_RUNS of each naive one (default 5)
//   BENCH_PG_URL  the server (default postgres://postgres@127.0.0.1:5432/postgres); the database
//                 sigap_bench_kpis is dropped and loaded again unless BENCH_REUSE=1 and it holds KPI_REPORTS
//
// Loading: generate_series into `report` with the report triggers off (session_replication_role = replica, as a
// bulk restore would), then kpi_rebuild() builds the rollups in one pass; both timed. Goal: rollup reads ≤ 50 ms
// at p95 and ≥ 100× faster than the naive ones.
import pg from 'pg';
import { sql } from 'kysely';
import { openStore } from '../server/src/store/database.js';
import { loadCityContext } from '../server/src/services/app/city-context.js';
import { syncReferenceData } from '../server/src/services/app/reference-data.js';
import { cityFigures, unitFigures } from '../server/src/services/reads/kpi/kpi-figures.js';
import type { AppContext } from '../server/src/services/app/app-context.js';
import type { StaffUser } from '../server/src/services/identity/sessions.js';

const N = Number(process.env.KPI_REPORTS ?? 10_000_000);
const DAYS = Number(process.env.KPI_DAYS ?? 1095);
const RUNS = Number(process.env.KPI_RUNS ?? 50);
const NAIVE_RUNS = Number(process.env.KPI_NAIVE_RUNS ?? 5);
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'sigap_bench_kpis';
const CHUNK = 500_000;

const url = new URL(ADMIN_URL);
url.pathname = `/${NAME}`;

async function withClient<T>(connectionString: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

const city = await loadCityContext(null);
const now = new Date();

const reuse =
  process.env.BENCH_REUSE === '1' &&
  (await withClient(ADMIN_URL, async (c) =>
    (await c.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 1
      ? withClient(
          url.toString(),
          async (d) => Number((await d.query('select count(*) from report')).rows[0].count) === N,
        )
      : false,
  ));
if (!reuse)
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`drop database if exists ${NAME} with (force)`);
    await c.query(`create database ${NAME}`);
  });
const store = await openStore({ databaseUrl: url.toString(), dataDir: null, poolSize: 4 });
await syncReferenceData(store.db, city);

const kelurahanUnits = [...city.city.units.values()].filter((u) => u.kind === 'kelurahan' && u.regionCode);
const categories = [...city.city.categories.keys()];
const channels = ['jaki', 'web', 'api', 'sms', 'whatsapp', 'email', 'kelurahan'];
const sectorUnits = [...city.city.units.values()].filter((u) => u.kind === 'suku_dinas').map((u) => u.id);

let loadSeconds = 0;
let rebuildSeconds = 0;
if (!reuse) {
  console.log(`loading ${N.toLocaleString('en')} reports over ${DAYS} days…`);
  const started = performance.now();
  await withClient(url.toString(), async (c) => {
    // the triggers are off for the bulk load (superuser); the rollups are built once afterwards
    await c.query('set session_replication_role = replica');
    for (let from = 1; from <= N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK - 1);
      await c.query(
        `insert into report (id, ticket, status, category_code, text, kelurahan_code, channel, is_private,
           is_anonymous, visibility, assigned_unit_id, escalation_level, sla_clock, response_due_at,
           completion_due_at, responded_at, resolved_at, reopen_count, event_count, created_at, updated_at)
         select md5(i::text)::uuid, 'B' || i, s.status, ($1::text[])[1 + (h % array_length($1::text[], 1))],
           'bench', k.code, ($2::text[])[1 + ((h >> 8) % array_length($2::text[], 1))], false, true, 'visible',
           case when h % 5 = 0 then ($6::text[])[1 + ((h >> 4) % array_length($6::text[], 1))] else k.unit end,
           case when h % 23 = 0 then 1 else 0 end, 'calendar', c.at + interval '3 days', c.at + interval '10 days',
           case when s.status <> 'menunggu' then c.at + (h % 4000) * interval '1 minute' end,
           case when s.status = 'selesai' then c.at + (h % 20000) * interval '1 minute' end,
           0, 3, c.at, c.at
         from generate_series($3::int, $4::int) i
         cross join lateral (select abs(hashtext(i::text)) as h) x
         cross join lateral (select $5::timestamptz - (((i::float8 / $7) ^ 0.7) * $8) * interval '1 day' as at) c
         cross join lateral (select (array['selesai','selesai','selesai','selesai','selesai','proses','menunggu',
           'koordinasi','disposisi','ews','menunggu_validasi','ditolak','dicabut'])[1 + (h >> 12) % 13] as status) s0
         cross join lateral (select case when c.at > $5::timestamptz - interval '2 days' and s0.status = 'selesai'
           then 'proses' else s0.status end as status) s
         cross join lateral (select ($9::text[])[1 + (h >> 16) % array_length($9::text[], 1)] as code,
           ($10::text[])[1 + (h >> 16) % array_length($10::text[], 1)] as unit) k`,
        [
          categories,
          channels,
          from,
          to,
          now,
          sectorUnits,
          N,
          DAYS,
          kelurahanUnits.map((u) => u.regionCode),
          kelurahanUnits.map((u) => u.id),
        ],
      );
      process.stdout.write(`  ${to.toLocaleString('en')} (${seconds(started)} s)\n`);
    }
    await c.query('analyze report');
  });
  loadSeconds = (performance.now() - started) / 1000;
  const rebuilt = performance.now();
  await sql`select kpi_rebuild()`.execute(store.db);
  await sql`analyze kpi_rollup; analyze kpi_current; analyze kpi_duration`.execute(store.db);
  rebuildSeconds = (performance.now() - rebuilt) / 1000;
}

const sizes = await sql<{ t: string; n: string }>`
  select 'kpi_rollup' as t, count(*)::text as n from kpi_rollup union all
  select 'kpi_current', count(*)::text from kpi_current union all
  select 'kpi_duration', count(*)::text from kpi_duration`.execute(store.db);

const ctx = { store, city, now: () => now } as unknown as AppContext;
const admin: StaffUser = {
  id: 'bench',
  username: 'bench',
  displayName: 'bench',
  role: 'admin',
  unitId: 'pemprov',
};
const busiest = await sql<{ unit: string }>`
  select key as unit from kpi_current where grain = 'unit' group by key order by sum(reports) desc limit 1`.execute(
  store.db,
);
const unitId = busiest.rows[0]!.unit;
const officer: StaffUser = { ...admin, role: 'officer', unitId };

// The naive equivalents: the same figures straight from `report` (what a dashboard without rollups runs).
const LOCAL = (c: string) => `((${c} at time zone 'UTC') + interval '7 hours')::date`;
const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const monthStart = `${today.slice(0, 8)}01`;
const day30 = new Date(Date.parse(today) - 29 * 86_400_000).toISOString().slice(0, 10);
const naiveCity = async () => {
  const periods = (from: string) => sql`
    select count(*) filter (where ${sql.raw(LOCAL('created_at'))} >= ${from}::date) as received,
      count(*) filter (where ${sql.raw(LOCAL('resolved_at'))} >= ${from}::date) as resolved,
      count(*) filter (where ${sql.raw(LOCAL('created_at'))} >= ${from}::date and status = 'selesai') as done,
      percentile_disc(0.5) within group (order by resolved_at - created_at)
        filter (where ${sql.raw(LOCAL('resolved_at'))} >= ${from}::date) as median
    from report`;
  await Promise.all([
    periods(today).execute(store.db),
    periods(monthStart).execute(store.db),
    sql`select left(kelurahan_code, 5), count(*), count(*) filter (where status = 'selesai'),
          count(*) filter (where resolved_at <= completion_due_at)
        from report where ${sql.raw(LOCAL('created_at'))} >= ${monthStart}::date group by 1`.execute(
      store.db,
    ),
    sql`select assigned_unit_id, count(*) from report where ${sql.raw(LOCAL('created_at'))} >= ${monthStart}::date
        group by 1 order by 2 desc limit 15`.execute(store.db),
    sql`select channel, count(*) from report where ${sql.raw(LOCAL('created_at'))} >= ${monthStart}::date group by 1`.execute(
      store.db,
    ),
    sql`select category_code, ${sql.raw(LOCAL('created_at'))}, count(*) from report
        where created_at >= ${new Date(now.getTime() - 14 * 86_400_000)} group by 1, 2`.execute(store.db),
    sql`select kelurahan_code, count(*), count(*) filter (where escalation_level > 0
          or responded_at > response_due_at or resolved_at > completion_due_at)
        from report where status in ('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews') group by 1`.execute(
      store.db,
    ),
  ]);
};
const naiveUnit = async () => {
  await Promise.all([
    sql`select status, count(*) from report where assigned_unit_id = ${unitId} group by 1`.execute(store.db),
    sql`select assigned_unit_id, count(*), count(*) filter (where status = 'selesai'),
          count(*) filter (where resolved_at <= completion_due_at),
          percentile_disc(0.5) within group (order by resolved_at - created_at)
        from report r join unit u on u.id = r.assigned_unit_id
        where u.kind = (select kind from unit where id = ${unitId}) and ${sql.raw(LOCAL('created_at'))} >= ${day30}::date
        group by 1`.execute(store.db),
  ]);
};

console.log(`\nKPI reads at ${N.toLocaleString('en')} reports (${DAYS} days), busiest unit ${unitId}`);
const results: Array<[string, number[], number[]]> = [];
for (const [name, rollup, naive] of [
  ['monitoring room (GET /api/v1/kpi/city)', () => cityFigures(ctx, admin), naiveCity],
  ['unit dashboard (GET /api/v1/kpi/unit)', () => unitFigures(ctx, officer, undefined), naiveUnit],
] as const) {
  const fast = await timed(RUNS, rollup);
  const slow = await timed(NAIVE_RUNS, naive);
  results.push([name, fast, slow]);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(
  [
    '',
    `| read | rollups p50 | rollups p95 | naive p50 | naive p95 | ratio (p50) |`,
    `| --- | --- | --- | --- | --- | --- |`,
    ...results.map(
      ([name, fast, slow]) =>
        `| ${name} | ${ms(quantile(fast, 0.5))} | ${ms(quantile(fast, 0.95))} | ${ms(quantile(slow, 0.5))} | ${ms(quantile(slow, 0.95))} | ${(quantile(slow, 0.5) / quantile(fast, 0.5)).toFixed(0)}× |`,
    ),
    '',
    reuse
      ? 'loading: reused an earlier load'
      : `loading: ${loadSeconds.toFixed(1)} s for the reports (${Math.round(N / loadSeconds).toLocaleString('en')}/s), ${rebuildSeconds.toFixed(1)} s for kpi_rebuild()`,
    `rollup rows: ${sizes.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}`,
    `runs: ${RUNS} of each rollup read, ${NAIVE_RUNS} of each naive one (after one warm-up each)`,
  ].join('\n'),
);
await store.close();
