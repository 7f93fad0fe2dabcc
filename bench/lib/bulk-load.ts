import { createHash } from 'node:crypto';
import type pg from 'pg';
import { redactText } from '../../server/src/domain/redact.js';
import type { Vault } from '../../server/src/security/vault.js';
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

/** Reports whose number g has g % 5 < 2 carry a sealed identity (two in five), when the load seals them. */
const IDENTITY_MODULUS = 5;
const IDENTITY_BELOW = 2;
const NAMES = ['Siti Aminah', 'Budi Santoso', 'Dewi Lestari', 'Agus Wijaya', 'Rina Marlina', 'Joko Susilo'];

export interface BulkLoadOptions {
  /** Seal an identity (name and phone) for two in five reports with this vault, as intake does. */
  vault?: Vault;
  /** Also write each report's history (event_count events), as the report views read it. */
  events?: boolean;
}

/**
 * The citizen token of bulk citizen n, in the shape the server checks (warga_ and 43 base64url characters: here
 * the SHA-256 of `bench-n`); only its hash is stored, as the server stores tokens.
 */
export const benchCitizenToken = (n: number) =>
  `warga_${createHash('sha256').update(`bench-${n}`).digest('base64url')}`;
/** The same token computed in SQL (PostgreSQL's base64 made URL-safe, without padding). */
const benchCitizenTokenSql = (n: string) =>
  `'warga_' || translate(rtrim(encode(sha256(convert_to('bench-' || ${n}, 'UTF8')), 'base64'), '='), '+/', '-_')`;

/** The id of the sealed identity of bulk report g (the same md5-as-uuid the SQL computes). */
function identityIdOf(g: number): string {
  return createHash('md5').update(`bench-identity-${g}`).digest('hex');
}

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

const ticketOf = (g: number) => `JBULK${String(g).padStart(10, '0')}`;

/**
 * The history of the bulk reports in a ticket range: event_count events each, a plausible path for the
 * statuses (created, process started, a note, followed up, approved), the last one ending in the report's
 * status. Bodies carry what the views read (type, time, actor, note; the created event its report and routing).
 */
const EVENTS_STATEMENT = `
  insert into report_event (report_id, seq, type, from_status, to_status, actor_kind, actor_id, actor_unit_id,
    target_unit_id, note, body, created_at)
  select r.id, s.seq, e.type,
    case when s.seq = 1 then null else e.from_status end,
    case when s.seq = r.event_count then r.status else e.to_status end,
    e.actor_kind, case when s.seq = 1 then r.citizen_id::text end,
    case when s.seq = 1 then null else r.assigned_unit_id end, null, e.note,
    jsonb_strip_nulls(jsonb_build_object(
      'type', e.type,
      'at', r.created_at + (s.seq - 1) * interval '7 hours',
      'actor', jsonb_build_object('kind', e.actor_kind,
        'id', case when s.seq = 1 then r.citizen_id::text end,
        'unitId', case when s.seq = 1 then null else r.assigned_unit_id end),
      'note', e.note,
      'report', case when s.seq = 1 then jsonb_build_object('id', r.id, 'ticket', r.ticket,
        'categoryCode', r.category_code, 'text', r.text, 'address', r.address, 'lat', r.lat, 'lng', r.lng,
        'kelurahanCode', r.kelurahan_code, 'channel', r.channel, 'isPrivate', r.is_private,
        'isAnonymous', r.is_anonymous, 'citizenId', r.citizen_id, 'identityId', r.identity_id,
        'assignedUnitId', r.assigned_unit_id, 'suggestedUnitId', r.suggested_unit_id, 'slaClock', r.sla_clock) end,
      'routing', case when s.seq = 1 then jsonb_build_object('rule', 'kelurahan:' || r.kelurahan_code,
        'mode', 'region') end,
      'schedule', case when s.seq = 1 then jsonb_build_object('responseDueAt', r.response_due_at,
        'completionDueAt', r.completion_due_at) end,
      'attachmentIds', case when e.type = 'followed_up' then '[]'::jsonb end)),
    r.created_at + (s.seq - 1) * interval '7 hours'
  from report r
  cross join lateral generate_series(1, r.event_count) as s(seq)
  join (values
    (1, 'created', null, 'menunggu', 'citizen', null),
    (2, 'process_started', 'menunggu', 'proses', 'officer', null),
    (3, 'note_added', 'proses', 'proses', 'officer', 'Petugas sudah meninjau lokasi dan menjadwalkan perbaikan.'),
    (4, 'followed_up', 'proses', 'menunggu_validasi', 'officer', 'Sudah ditindaklanjuti, foto terlampir.'),
    (5, 'approved', 'menunggu_validasi', 'selesai', 'verifier', null)
  ) as e(seq, type, from_status, to_status, actor_kind, note) on e.seq = s.seq
  where r.ticket between $1 and $2`;

/** Deterministic citizen id n (1-based), so reports can point at citizens without a lookup. */
const citizenIdSql = (n: string) => `md5('bench-citizen-' || (${n}))::uuid`;

/**
 * Loads `rows` reports straight into the report table with `insert … select … from generate_series`, in
 * chunks, with every index of the schema in place (as a live table has them): spread over all kelurahan and
 * categories, created over the last year (open reports over the last 30 days), ~95% Selesai, a few units
 * holding a quarter of all reports, a citizen pool of rows/5 with one prolific citizen (tokens from
 * benchCitizenToken), each report with its public text. With `options`, two in five reports also get a sealed
 * identity, and every report its history; without, no event rows (the intake bench's reads never touch them).
 */
export async function bulkLoad(
  pool: pg.Pool,
  city: CityContext,
  rows: number,
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> {
  const start = Date.now();
  const points = kelurahanPoints(city);
  const unitOf = points.map((p) => city.city.unitByRegion.get(p.code) ?? city.city.config.triageUnitId);
  const categories = [...city.city.categories.keys()].sort();
  const busy = busyUnits(city);
  const citizens = Math.max(1000, Math.ceil(rows / 5));

  await pool.query(
    `insert into citizen (id, token_hash, created_at, token_used_at)
     select ${citizenIdSql('n')}, encode(sha256(convert_to(${benchCitizenTokenSql('n')}, 'UTF8')), 'hex'),
       now() - random() * interval '365 days', now()
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
        -- milliseconds, as the server writes them (JS dates): keyset cursors carry milliseconds
        date_trunc('milliseconds',
          now() - (case when status in (${openList}) then 30 else 365 end) * rd * interval '1 day') as created_at
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
      created_at, updated_at, public_text)
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
      case when $13::boolean and g % ${IDENTITY_MODULUS} < ${IDENTITY_BELOW}
        then md5('bench-identity-' || g)::uuid end,
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
      coalesce(resolved_at, responded_at, created_at),
      ($14::text[])[txt]
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
    !!options.vault,
    // the sample texts name no reporter: their public text is the general redaction alone
    SAMPLE_TEXTS.map((t) => redactText(t)),
  ];
  const sealIdentities = async (from: number, count: number) => {
    if (!options.vault) return;
    const ids: string[] = [];
    const sealed: Buffer[] = [];
    for (let g = from; g < from + count; g++) {
      if (g % IDENTITY_MODULUS >= IDENTITY_BELOW) continue;
      ids.push(identityIdOf(g));
      sealed.push(
        options.vault.seal({ name: NAMES[g % NAMES.length]!, phone: `0812${String(g).padStart(8, '0')}` }),
      );
    }
    await pool.query(
      `insert into reporter_identity (id, sealed, key_id, created_at)
       select id, sealed, $3, now() from unnest($1::uuid[], $2::bytea[]) as t(id, sealed)`,
      [ids, sealed, options.vault.keyId],
    );
  };
  const chunks: [number, number][] = [];
  for (let from = 1; from <= rows; from += CHUNK_ROWS)
    chunks.push([from, Math.min(CHUNK_ROWS, rows - from + 1)]);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const [from, count] = chunks[next++]!;
      await sealIdentities(from, count);
      await pool.query(statement, params(from, count));
      if (options.events) await pool.query(EVENTS_STATEMENT, [ticketOf(from), ticketOf(from + count - 1)]);
      done += count;
      if (process.stdout.isTTY)
        process.stdout.write(
          `\r  loaded ${done.toLocaleString('en')} / ${rows.toLocaleString('en')} reports`,
        );
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (process.stdout.isTTY) process.stdout.write('\n');
  await pool.query(
    `vacuum (analyze) report, citizen${options.vault ? ', reporter_identity' : ''}${options.events ? ', report_event' : ''}`,
  );

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
