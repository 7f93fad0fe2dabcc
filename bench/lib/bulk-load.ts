import type pg from 'pg';
import type { CityContext } from '../../server/src/services/app/city-context.js';
import { wordSignature } from '../../server/src/text/index.js';
import { kelurahanPoints, SAMPLE_TEXTS } from './report-input.js';

const CHUNK_ROWS = 50_000;
/** Statements in flight at once: one per core is what a 2-core machine can use. */
const PARALLEL = 2;

/** Share of reports per status: a year of a working city, where almost everything is done. */
export const STATUS_MIX: [status: string, share: number][] = [
  ['selesai', 0.95],
  ['ditolak', 0.015],
  ['dicabut', 0.005],
  ['menunggu_validasi', 0.008],
  ['menunggu', 0.006],
  ['koordinasi', 0.003],
  ['disposisi', 0.003],
  ['proses', 0.007],
  ['ews', 0.003],
];
const OPEN = ['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews'];

/** Shares of all reports that land on the busy units (the rest go to the kelurahan office of their place). */
const BUSY_SHARES = [0.1, 0.05, 0.05, 0.05];
/** Share of reports filed by one prolific citizen. */
const HEAVY_CITIZEN_SHARE = 0.001;
const CHANNELS = ['jaki', 'api', 'web', 'whatsapp', 'sms'];

export interface BulkLoadResult {
  rows: number;
  citizens: number;
  busyUnits: { id: string; share: number }[];
  heavyCitizenId: string;
  typicalCitizenId: string;
  seconds: number;
}

function caseOf(variable: string, shares: [string, number][]): string {
  let cumulative = 0;
  const arms = shares.slice(0, -1).map(([value, share]) => {
    cumulative += share;
    return `when ${variable} < ${cumulative.toFixed(6)} then '${value}'`;
  });
  return `case ${arms.join(' ')} else '${shares[shares.length - 1]![0]}' end`;
}

/** Suku dinas offices of the mainland kota for the busiest sectors: the units that carry the most reports. */
function busyUnits(city: CityContext): string[] {
  const ids = [...city.city.units.values()]
    .filter((u) => u.kind === 'suku_dinas' && u.regionCode !== '31.01')
    .filter((u) => u.sector === 'bina-marga' || u.sector === 'lingkungan-hidup')
    .map((u) => u.id)
    .sort();
  const fallback = [...city.city.units.keys()].sort();
  const chosen = (ids.length >= BUSY_SHARES.length ? ids : fallback).slice(0, BUSY_SHARES.length);
  if (chosen.length < BUSY_SHARES.length) throw new Error('the city has too few units for the bulk load');
  return chosen;
}

/** Deterministic citizen id n (1-based), so reports can point at citizens without a lookup. */
const citizenIdSql = (n: string) => `md5('bench-citizen-' || (${n}))::uuid`;

/**
 * Loads `rows` reports straight into the report table with `insert … select … from generate_series`, in
 * chunks, with every index of the schema in place (as a live table has them): spread over all kelurahan and
 * categories, created over the last year (open reports over the last 30 days), ~95% Selesai, a few units
 * holding a quarter of all reports, a citizen pool of rows/5 with one prolific citizen. Event rows are not
 * generated: the measured reads never touch report_event.
 */
export async function bulkLoad(pool: pg.Pool, city: CityContext, rows: number): Promise<BulkLoadResult> {
  const start = Date.now();
  const points = kelurahanPoints(city);
  const unitOf = points.map((p) => city.city.unitByRegion.get(p.code) ?? city.city.config.triageUnitId);
  const categories = [...city.city.categories.keys()].sort();
  const busy = busyUnits(city);
  const citizens = Math.max(1000, Math.ceil(rows / 5));

  await pool.query(
    `insert into citizen (id, token_hash, created_at)
     select ${citizenIdSql('n')}, md5('bench-token-' || n), now() - random() * interval '365 days'
     from generate_series(1, $1::int) n`,
    [citizens],
  );

  let busyCase = 'case';
  let cumulative = 0;
  BUSY_SHARES.forEach((share, i) => {
    cumulative += share;
    busyCase += ` when ru < ${cumulative.toFixed(6)} then ($8::text[])[${i + 1}]`;
  });
  busyCase += ' else ($5::text[])[k] end';
  const openList = OPEN.map((s) => `'${s}'`).join(', ');

  const statement = `
    with base as (
      select g,
        1 + floor(random() * cardinality($2::text[]))::int as k,
        1 + floor(random() * cardinality($6::text[]))::int as cat,
        1 + floor(random() * cardinality($7::text[]))::int as txt,
        1 + floor(random() * ${CHANNELS.length})::int as ch,
        1 + floor(random() * $9::int)::int as cit,
        random() as rs, random() as ru, random() as rp, random() as rv, random() as rd,
        random() as rr, random() as rc, random() as rj
      from generate_series($1::int, $1::int + $10::int - 1) g
    ), with_status as (
      select *, ${caseOf('rs', STATUS_MIX)} as status from base
    ), timed as (
      select *,
        now() - (case when status in (${openList}) then 30 else 365 end) * rd * interval '1 day' as created_at
      from with_status
    ), shaped as (
      select *,
        created_at + interval '1 day' as response_due_at,
        created_at + interval '5 days' as completion_due_at,
        case when status = 'menunggu' then null else created_at + rr * interval '8 hours' end as responded_at,
        case when status = 'selesai' then least(now(), created_at + interval '1 hour' + rr * interval '10 days')
          end as resolved_at
      from timed
    )
    insert into report (
      id, ticket, status, category_code, text, words, address, lat, lng, kelurahan_code, channel, is_private,
      is_anonymous, visibility, visibility_reason, citizen_id, identity_id, assigned_unit_id, suggested_unit_id,
      escalated_unit_id, escalation_level, sla_clock, response_due_at, completion_due_at, responded_at,
      resolved_at, next_escalation_at, ews_until, rating, rating_comment, reopen_count, event_count,
      created_at, updated_at)
    select
      gen_random_uuid(),
      'JBULK' || lpad(g::text, 10, '0'),
      status,
      ($6::text[])[cat],
      ($7::text[])[txt],
      ($12::text[])[txt],
      case when rp < 0.5 then 'Jl. Uji Beban No. ' || (g % 200) end,
      ($3::float8[])[k] + (rj - 0.5) * 0.002,
      ($4::float8[])[k] + (rp - 0.5) * 0.002,
      ($2::text[])[k],
      ($11::text[])[ch],
      rp < 0.35,
      rc < 0.05,
      case when rv < 0.005 then 'hidden' when rv < 0.006 then 'removed' else 'visible' end,
      case when rv < 0.006 then 'uji beban' end,
      case when rc < ${HEAVY_CITIZEN_SHARE} then ${citizenIdSql('1')} else ${citizenIdSql('cit')} end,
      null,
      ${busyCase},
      null,
      null,
      0,
      'working',
      response_due_at,
      completion_due_at,
      responded_at,
      resolved_at,
      case when status in (${openList}) then completion_due_at + interval '16 hours' end,
      case when status = 'ews' then completion_due_at + interval '7 days' end,
      case when status = 'selesai' and rr < 0.3 then 1 + floor(rr / 0.3 * 5)::int end,
      null,
      0,
      case status when 'menunggu' then 1 when 'selesai' then 5 when 'ews' then 3
        when 'menunggu_validasi' then 4 else 2 end,
      created_at,
      coalesce(resolved_at, responded_at, created_at)
    from shaped`;

  const params = (from: number, count: number) => [
    from,
    points.map((p) => p.code),
    points.map((p) => p.lat),
    points.map((p) => p.lng),
    unitOf,
    categories,
    [...SAMPLE_TEXTS],
    busy,
    citizens,
    count,
    CHANNELS,
    SAMPLE_TEXTS.map(wordSignature),
  ];
  const chunks: [number, number][] = [];
  for (let from = 1; from <= rows; from += CHUNK_ROWS)
    chunks.push([from, Math.min(CHUNK_ROWS, rows - from + 1)]);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const [from, count] = chunks[next++]!;
      await pool.query(statement, params(from, count));
      done += count;
      if (process.stdout.isTTY)
        process.stdout.write(
          `\r  loaded ${done.toLocaleString('en')} / ${rows.toLocaleString('en')} reports`,
        );
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (process.stdout.isTTY) process.stdout.write('\n');
  await pool.query('vacuum (analyze) report, citizen');

  const heavyId = (await pool.query<{ id: string }>(`select ${citizenIdSql('1')} as id`)).rows[0]!.id;
  const typical = await pool.query<{ citizen_id: string }>(
    `select citizen_id from report where ticket = any($1::text[]) and citizen_id <> $2 limit 1`,
    [['JBULK0000000001', 'JBULK0000000002', 'JBULK0000000003'], heavyId],
  );
  return {
    rows,
    citizens,
    busyUnits: busy.map((id, i) => ({ id, share: BUSY_SHARES[i]! })),
    heavyCitizenId: heavyId,
    typicalCitizenId: typical.rows[0]?.citizen_id ?? heavyId,
    seconds: (Date.now() - start) / 1000,
  };
}
