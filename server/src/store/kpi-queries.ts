import { type Kysely, sql } from 'kysely';
import type { Database, KpiDurationTable, KpiRollupTable } from './schema.js';

type Db = Kysely<Database>;

// Reads of the rollups of migration 0019 (kpi_rollup, kpi_current, kpi_duration), and, for tests and the
// benchmark only, the same figures computed the naive way: GROUP BY over every report.

export type Grain = KpiRollupTable['grain'];
export type DurationGrain = KpiDurationTable['grain'];
export type Metric = KpiDurationTable['metric'];

export interface Sums {
  received: number;
  open: number;
  done: number;
  breached: number;
  resolved: number;
  resolvedOnTime: number;
  responded: number;
  respondedOnTime: number;
  respondSeconds: number;
  resolveSeconds: number;
}

const SUMS = sql`coalesce(sum(received), 0)::int as received, coalesce(sum(open), 0)::int as open,
  coalesce(sum(done), 0)::int as done, coalesce(sum(breached), 0)::int as breached,
  coalesce(sum(resolved), 0)::int as resolved, coalesce(sum(resolved_on_time), 0)::int as resolved_on_time,
  coalesce(sum(responded), 0)::int as responded, coalesce(sum(responded_on_time), 0)::int as responded_on_time,
  coalesce(sum(respond_seconds), 0)::float8 as respond_seconds,
  coalesce(sum(resolve_seconds), 0)::float8 as resolve_seconds`;

interface SumRow {
  key: string;
  received: number;
  open: number;
  done: number;
  breached: number;
  resolved: number;
  resolved_on_time: number;
  responded: number;
  responded_on_time: number;
  respond_seconds: number;
  resolve_seconds: number;
}

const toSums = (r: SumRow): Sums => ({
  received: r.received,
  open: r.open,
  done: r.done,
  breached: r.breached,
  resolved: r.resolved,
  resolvedOnTime: r.resolved_on_time,
  responded: r.responded,
  respondedOnTime: r.responded_on_time,
  respondSeconds: r.respond_seconds,
  resolveSeconds: r.resolve_seconds,
});

/** The sums of a grain's keys (all keys, or those given) over the city-local days [from, to]. */
export async function rollupSums(
  db: Db,
  grain: Grain,
  from: string,
  to: string,
  keys: readonly string[] | null = null,
): Promise<Map<string, Sums>> {
  const only = keys === null ? sql`` : sql`and key = any(${[...keys]}::text[])`;
  const rows = await sql<SumRow>`
    select key, ${SUMS} from kpi_rollup
    where grain = ${grain} and day between ${from}::date and ${to}::date ${only}
    group by key`.execute(db);
  return new Map(rows.rows.map((r) => [r.key, toSums(r)]));
}

/** Received and resolved per key (all keys, or those given) and day (trends, channel mix over time). */
export async function rollupByDay(
  db: Db,
  grain: Grain,
  from: string,
  to: string,
  keys: readonly string[] | null = null,
): Promise<{ key: string; day: string; received: number; resolved: number }[]> {
  const only = keys === null ? sql`` : sql`and key = any(${[...keys]}::text[])`;
  const rows = await sql<{ key: string; day: string; received: number; resolved: number }>`
    select key, day::text as day, received, resolved from kpi_rollup
    where grain = ${grain} and day between ${from}::date and ${to}::date ${only}
    order by day, key`.execute(db);
  return rows.rows;
}

/** Reports now in each status (and of those with an SLA breach), per key of a grain (one key, or all). */
export async function currentCounts(
  db: Db,
  grain: 'city' | 'kota' | 'kelurahan' | 'unit',
  key: string | null,
): Promise<{ key: string; status: string; reports: number; breached: number }[]> {
  let query = db
    .selectFrom('kpi_current')
    .select(['key', 'status', 'reports', 'breached'])
    .where('grain', '=', grain)
    .where('reports', '<>', 0);
  if (key !== null) query = query.where('key', '=', key);
  return query.execute();
}

/** The histogram of a duration (bucket → reports) of one key over the city-local days [from, to]. */
export async function durationHistogram(
  db: Db,
  grain: DurationGrain,
  key: string,
  metric: Metric,
  from: string,
  to: string,
): Promise<Map<number, number>> {
  const rows = await sql<{ bucket: number; reports: number }>`
    select bucket, sum(reports)::int as reports from kpi_duration
    where grain = ${grain} and key = ${key} and metric = ${metric} and day between ${from}::date and ${to}::date
    group by bucket`.execute(db);
  return new Map(rows.rows.filter((r) => r.reports > 0).map((r) => [r.bucket, r.reports]));
}

// ---- the naive way, for the consistency test and the benchmark ----

export interface RollupRow extends Sums {
  grain: Grain;
  key: string;
  day: string;
}

/** Every kpi_rollup row, non-zero ones, in key order. */
export async function readRollups(db: Db): Promise<RollupRow[]> {
  const rows = await sql<SumRow & { grain: Grain; day: string }>`
    select grain, key, day::text as day, ${SUMS} from kpi_rollup group by grain, key, day
    having sum(abs(received) + abs(open) + abs(done) + abs(breached) + abs(resolved) + abs(resolved_on_time)
      + abs(responded) + abs(responded_on_time)) > 0 or sum(abs(respond_seconds) + abs(resolve_seconds)) > 0
    order by grain, key, day`.execute(db);
  return rows.rows.map((r) => ({ grain: r.grain, key: r.key, day: r.day, ...toSums(r) }));
}

const OPEN = sql`('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews')`;
const LOCAL = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '7 hours')::date`);

/**
 * kpi_rollup recomputed from the reports with one plain GROUP BY per grain and role of the day (received,
 * resolved, responded), written without the migration's functions so that it checks them.
 */
export async function naiveRollups(db: Db): Promise<RollupRow[]> {
  const grains: [Grain, string][] = [
    ['city', `'all'`],
    ['kota', `coalesce(left(kelurahan_code, 5), '')`],
    ['kelurahan', `coalesce(kelurahan_code, '')`],
    ['unit', 'assigned_unit_id'],
    ['channel', 'channel'],
    ['category', 'category_code'],
  ];
  const parts = grains.map(
    ([grain, key]) => sql`
    select ${grain}::text as grain, ${sql.raw(key)} as key, ${LOCAL('created_at')} as day, count(*) as received,
      count(*) filter (where status in ${OPEN}) as open, count(*) filter (where status = 'selesai') as done,
      count(*) filter (where responded_at > response_due_at or resolved_at > completion_due_at
        or escalation_level > 0) as breached,
      0 as resolved, 0 as resolved_on_time, 0 as responded, 0 as responded_on_time,
      0::float8 as respond_seconds, 0::float8 as resolve_seconds
    from report group by 1, 2, 3
    union all
    select ${grain}::text, ${sql.raw(key)}, ${LOCAL('resolved_at')}, 0, 0, 0, 0, count(*),
      count(*) filter (where resolved_at <= completion_due_at), 0, 0, 0,
      sum(greatest(extract(epoch from resolved_at - created_at), 0))::float8
    from report where resolved_at is not null group by 1, 2, 3
    union all
    select ${grain}::text, ${sql.raw(key)}, ${LOCAL('responded_at')}, 0, 0, 0, 0, 0, 0, count(*),
      count(*) filter (where responded_at <= response_due_at),
      sum(greatest(extract(epoch from responded_at - created_at), 0))::float8, 0
    from report where responded_at is not null group by 1, 2, 3`,
  );
  const rows = await sql<SumRow & { grain: Grain; day: string }>`
    select grain, key, day::text as day, ${SUMS} from (${sql.join(parts, sql` union all `)}) t
    group by grain, key, day order by grain, key, day`.execute(db);
  return rows.rows.map((r) => ({ grain: r.grain, key: r.key, day: r.day, ...toSums(r) }));
}

/** kpi_current's non-zero rows, and the same from the reports. */
export async function currentVersusNaive(db: Db): Promise<{ rollup: unknown[]; naive: unknown[] }> {
  const rollup = await sql`
    select grain, key, status, reports, breached from kpi_current where reports <> 0 or breached <> 0
    order by grain, key, status`.execute(db);
  const naive = await sql`
    select grain, key, status, count(*)::int as reports,
      count(*) filter (where responded_at > response_due_at or resolved_at > completion_due_at
        or escalation_level > 0)::int as breached
    from report cross join lateral (values ('city', 'all'), ('kota', coalesce(left(kelurahan_code, 5), '')),
      ('kelurahan', coalesce(kelurahan_code, '')), ('unit', assigned_unit_id)) g (grain, key)
    group by grain, key, status order by grain, key, status`.execute(db);
  return { rollup: rollup.rows, naive: naive.rows };
}

/** kpi_duration's non-zero rows, and the same from the reports. */
export async function durationsVersusNaive(db: Db): Promise<{ rollup: unknown[]; naive: unknown[] }> {
  const rollup = await sql`
    select grain, key, day::text as day, metric, bucket, reports from kpi_duration where reports <> 0
    order by grain, key, day, metric, bucket`.execute(db);
  const naive = await sql`
    select grain, key, day::text as day, metric, bucket, count(*)::int as reports from (
      select g.grain, g.key, m.metric, ((m.at at time zone 'UTC') + interval '7 hours')::date as day,
        greatest(0, floor(4 * ln(greatest(extract(epoch from m.at - r.created_at)::float8, 60) / 60) / ln(2)))::smallint
          as bucket
      from report r
      cross join lateral (values ('city', 'all'), ('kota', coalesce(left(r.kelurahan_code, 5), '')),
        ('unit', r.assigned_unit_id)) g (grain, key)
      cross join lateral (values ('respond', r.responded_at), ('resolve', r.resolved_at)) m (metric, at)
      where m.at is not null) t
    group by grain, key, day, metric, bucket order by grain, key, day, metric, bucket`.execute(db);
  return { rollup: rollup.rows, naive: naive.rows };
}
