import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { BoundingBox } from '../domain/similarity.js';
import { OPEN_STATUSES } from '../domain/statuses.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface SimilarCandidate {
  id: string;
  ticket: string;
  category_code: string;
  lat: number | null;
  lng: number | null;
  kelurahan_code: string | null;
  /** The stored word signature, or the text itself (first 2,000 characters) for rows without one. */
  words: string | null;
  text: string | null;
  created_at: Date;
}

export interface CandidateQuery {
  /** Same category inside this box (nearest first), when the new report has coordinates. */
  nearby: { category: string; box: BoundingBox; lat: number; lng: number; limit: number } | null;
  /** Same kelurahan, created since, newest first, for text comparison. */
  /**
   * Same kelurahan, created since, newest first, for text comparison; only reports whose stored words include one
   * of `anyOf` (all of them when it is empty, and those stored before words were kept).
   */
  recent: { kelurahanCode: string; since: Date; limit: number; anyOf: string[] } | null;
}

/** The open statuses as literals, so the planner can match the partial indexes of migration 0004. */
const OPEN_LITERALS = `(${[...OPEN_STATUSES].map((s) => `'${s}'`).join(', ')})`;
const OPEN_LIST = sql.raw(OPEN_LITERALS);
const COLUMNS =
  'r.id, r.ticket, r.category_code, r.lat, r.lng, r.kelurahan_code, r.words, ' +
  'case when r.words is null then left(r.text, 2000) end as text, r.created_at';

/**
 * Open reports that may be the same problem as each of several new ones, in one read. Per probe (a row of the
 * JSON parameter), a bounding-box range scan on report_open_nearby_idx and a newest-first scan of
 * report_open_kelurahan_idx, each limited; a branch whose parameters are null finds nothing. The text is fixed
 * whatever the number of probes, so it is prepared once per connection.
 */
export const SIMILAR_CANDIDATES_SQL = `
select p.probe, c.* from json_to_recordset($1::json) as p(
    probe integer, category text, min_lat float8, max_lat float8, min_lng float8, max_lng float8,
    lat float8, lng float8, lng_scale float8, nearby_limit integer,
    kelurahan_code text, since timestamptz, recent_limit integer, any_of text[])
cross join lateral (
  (select ${COLUMNS} from report r
    where r.status in ${OPEN_LITERALS} and r.category_code = p.category
      and r.lat between p.min_lat and p.max_lat and r.lng between p.min_lng and p.max_lng
      and r.visibility <> 'removed'
    order by (r.lat - p.lat) ^ 2 + ((r.lng - p.lng) * p.lng_scale) ^ 2
    limit p.nearby_limit)
  union all
  (select ${COLUMNS} from report r
    where r.status in ${OPEN_LITERALS} and r.kelurahan_code = p.kelurahan_code and r.created_at >= p.since
      and r.visibility <> 'removed'
      and (p.any_of is null or r.words is null or string_to_array(r.words, ' ') && p.any_of)
    order by r.created_at desc
    limit p.recent_limit)
) c`;

/** The statement for a batch of probes, so a check can EXPLAIN exactly what intake runs. */
export function similarCandidatesQuery(
  queries: readonly CandidateQuery[],
): CompiledQuery<SimilarCandidate & { probe: number }> {
  const probes = queries.map(({ nearby, recent }, probe) => ({
    probe,
    // A branch without parameters matches nothing; a zero limit says so twice.
    nearby_limit: 0,
    recent_limit: 0,
    ...(nearby && {
      category: nearby.category,
      min_lat: nearby.box.minLat,
      max_lat: nearby.box.maxLat,
      min_lng: nearby.box.minLng,
      max_lng: nearby.box.maxLng,
      lat: nearby.lat,
      lng: nearby.lng,
      lng_scale: Math.cos((nearby.lat * Math.PI) / 180),
      nearby_limit: nearby.limit,
    }),
    ...(recent && {
      kelurahan_code: recent.kelurahanCode,
      since: recent.since.toISOString(),
      recent_limit: recent.limit,
      any_of: recent.anyOf.length ? recent.anyOf : null,
    }),
  }));
  return CompiledQuery.raw(SIMILAR_CANDIDATES_SQL, [JSON.stringify(probes)]);
}

/** For each query, in order, the candidates it found (a report may come back from both of its branches). */
export async function findSimilarCandidates(
  db: Db,
  queries: readonly CandidateQuery[],
): Promise<SimilarCandidate[][]> {
  const found: SimilarCandidate[][] = queries.map(() => []);
  if (!queries.some((q) => q.nearby || q.recent)) return found;
  const { rows } = await db.executeQuery(similarCandidatesQuery(queries));
  for (const { probe, ...candidate } of rows) found[probe]!.push(candidate);
  return found;
}

export interface SimilarLinkRow {
  id: string;
  ticket: string;
  status: string;
  category_code: string;
  kelurahan_code: string | null;
  created_at: Date;
  reason: 'nearby' | 'text';
  distance_meters: number | null;
  text_score: number | null;
  linked_at: Date;
}

/** The reports linked to this one, whichever of the two arrived later; closest first. */
export async function listSimilarLinks(db: Db, reportId: string, limit = 20): Promise<SimilarLinkRow[]> {
  const result = await sql<SimilarLinkRow>`
    select r.id, r.ticket, r.status, r.category_code, r.kelurahan_code, r.created_at,
           l.reason, l.distance_meters, l.text_score, l.created_at as linked_at
    from (
      select similar_report_id as other_id, reason, distance_meters, text_score, created_at
        from report_link where report_id = ${reportId}
      union all
      select report_id, reason, distance_meters, text_score, created_at
        from report_link where similar_report_id = ${reportId}
    ) l
    join report r on r.id = l.other_id
    order by l.reason, l.distance_meters nulls last, l.text_score desc nulls last, r.created_at
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * For a page of reports: how many open reports each is linked to, in one query. The status is read per link
 * through the primary key (a subplan), not by joining all open reports.
 */
export async function countOpenSimilar(db: Db, reportIds: string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const ids = sql`${sql.join(reportIds)}`;
  const result = await sql<{ id: string; n: string }>`
    select l.id, count(*) as n
    from (
      select report_id as id, similar_report_id as other_id from report_link where report_id in (${ids})
      union all
      select similar_report_id, report_id from report_link where similar_report_id in (${ids})
    ) l
    where (select r.status from report r where r.id = l.other_id) in ${OPEN_LIST}
    group by l.id`.execute(db);
  return new Map(result.rows.map((row) => [row.id, Number(row.n)]));
}
