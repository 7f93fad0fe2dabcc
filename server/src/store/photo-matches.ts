import { type Kysely, sql } from 'kysely';
import { VIEW_MAX_DISTANCE, WHOLE_MAX_DISTANCE, candidateBands } from '../media/hash-bands.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * A photo on another report that an upload repeats. Of that report only its id and ticket are read; the ids are
 * for the flag written back onto it (services/handling/evidence-integrity.ts), the ticket is what staff see.
 */
export interface PhotoMatch {
  reportId: string;
  attachmentId: string;
  ticket: string;
  role: 'report' | 'evidence';
  usedAt: Date;
  /** 0 for byte-identical files; otherwise the smallest Hamming distance to any of the query hashes. */
  distance: number;
}

const MAX_MATCHES = 10;

interface MatchRow {
  id: string;
  report_id: string;
  ticket: string;
  role: 'report' | 'evidence';
  created_at: Date;
}

const matchOf = (r: MatchRow, distance: number): PhotoMatch => ({
  reportId: r.report_id,
  attachmentId: r.id,
  ticket: r.ticket,
  role: r.role,
  usedAt: r.created_at,
  distance,
});

/** Attachments of other reports with exactly these bytes (the sha256 index). */
export async function findSameFiles(db: Db, exceptReportId: string, sha256: string): Promise<PhotoMatch[]> {
  const rows = await db
    .selectFrom('attachment as a')
    .innerJoin('report as r', 'r.id', 'a.report_id')
    .select(['a.id', 'a.report_id', 'r.ticket', 'a.role', 'a.created_at'])
    .where('a.sha256', '=', sha256)
    .where('a.report_id', '<>', exceptReportId)
    .orderBy('a.created_at')
    .limit(MAX_MATCHES)
    .execute();
  return rows.map((r) => matchOf(r, 0));
}

/**
 * Photos of other reports that an upload repeats (the rule of matchDistance in media/hash-bands.ts): its whole
 * hash within WHOLE_MAX_DISTANCE of their whole hash or within VIEW_MAX_DISTANCE of a stored crop view, or one
 * of its caption probes within VIEW_MAX_DISTANCE of their whole hash. Band indexes select the candidates, one
 * index-only scan per band (the indexes include the hash); the exact distances are computed in the database,
 * so only matches come back.
 */
export async function findSimilarPhotos(
  db: Db,
  exceptReportId: string,
  upload: { hash: string; probes: string[] },
): Promise<PhotoMatch[]> {
  const whole = candidateBands([upload.hash], WHOLE_MAX_DISTANCE);
  const probe = candidateBands(upload.probes, VIEW_MAX_DISTANCE);
  const [w0, w1, w2, w3] = whole.map((values, i) => [...new Set([...values, ...probe[i]!])]);
  const [c0, c1, c2, c3] = candidateBands([upload.hash], VIEW_MAX_DISTANCE);
  const hash = sql`${upload.hash}::bit(64)`;
  const probeDistance = upload.probes.length
    ? sql`least(${sql.join(upload.probes.map((p) => sql`bit_count(a.phash # ${p}::bit(64))`))})`
    : sql`null`;
  const band = (column: string, values: number[]) =>
    sql`select id, phash from attachment where ${sql.ref(column)} = any(${values}::integer[])
      and report_id <> ${exceptReportId}`;
  const cropBand = (column: string, values: number[]) =>
    sql`select attachment_id as id, phash from attachment_crop_hash where ${sql.ref(column)} = any(${values}::integer[])`;
  const { rows } = await sql<{
    id: string;
    report_id: string;
    ticket: string;
    role: 'report' | 'evidence';
    created_at: Date;
    distance: number;
  }>`
    with whole as (
      ${band('phash_b0', w0!)} union ${band('phash_b1', w1!)} union ${band('phash_b2', w2!)} union ${band('phash_b3', w3!)}
    ), crop as (
      ${cropBand('b0', c0!)} union ${cropBand('b1', c1!)} union ${cropBand('b2', c2!)} union ${cropBand('b3', c3!)}
    ), matched as (
      select id, least(
          case when bit_count(a.phash # ${hash}) <= ${WHOLE_MAX_DISTANCE} then bit_count(a.phash # ${hash}) end,
          case when ${probeDistance} <= ${VIEW_MAX_DISTANCE} then ${probeDistance} end)::integer as distance
      from whole a
      union all
      select id, bit_count(phash # ${hash})::integer from crop where bit_count(phash # ${hash}) <= ${VIEW_MAX_DISTANCE}
    ), best as (
      -- a handful of rows from here on: the joins below are primary-key lookups
      select id, min(distance) as distance from matched where distance is not null
      group by id order by 2 limit ${MAX_MATCHES * 5}
    )
    select a.id, a.report_id, r.ticket, a.role, a.created_at, b.distance
    from best b
    join attachment a on a.id = b.id
    join report r on r.id = a.report_id
    where a.report_id <> ${exceptReportId}
    order by b.distance, a.created_at
    limit ${MAX_MATCHES}
  `.execute(db);
  return rows.map((r) => matchOf(r, r.distance));
}
