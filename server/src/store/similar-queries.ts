import { type Kysely, type RawBuilder, sql } from 'kysely';
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
  recent: { kelurahanCode: string; since: Date; limit: number } | null;
}

/** The open statuses as literals, so the planner can match the partial indexes of migration 0004. */
const OPEN_LIST = sql.raw(`(${[...OPEN_STATUSES].map((s) => `'${s}'`).join(', ')})`);
const OPEN = sql`status in ${OPEN_LIST}`;
const COLUMNS = sql.raw(
  'id, ticket, category_code, lat, lng, kelurahan_code, words, ' +
    'case when words is null then left(text, 2000) end as text, created_at',
);

/**
 * Open reports that may be the same problem as a new one, in one read: a bounding-box range scan on
 * report_open_nearby_idx and a newest-first scan of report_open_kelurahan_idx, each limited. A report may come
 * back from both branches.
 */
export async function findSimilarCandidates(db: Db, q: CandidateQuery): Promise<SimilarCandidate[]> {
  const query = similarCandidatesQuery(q);
  return query ? (await query.execute(db)).rows : [];
}

/** The statement itself, so a check can EXPLAIN exactly what intake runs. */
export function similarCandidatesQuery(q: CandidateQuery): RawBuilder<SimilarCandidate> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (q.nearby) {
    const { category, box, lat, lng, limit } = q.nearby;
    const lngScale = Math.cos((lat * Math.PI) / 180);
    parts.push(sql`(select ${COLUMNS} from report
      where ${OPEN} and category_code = ${category}
        and lat between ${box.minLat} and ${box.maxLat} and lng between ${box.minLng} and ${box.maxLng}
        and visibility <> 'removed'
      order by (lat - ${lat}) ^ 2 + ((lng - ${lng}) * ${lngScale}) ^ 2
      limit ${limit})`);
  }
  if (q.recent) {
    const { kelurahanCode, since, limit } = q.recent;
    parts.push(sql`(select ${COLUMNS} from report
      where ${OPEN} and kelurahan_code = ${kelurahanCode} and created_at >= ${since}
        and visibility <> 'removed'
      order by created_at desc
      limit ${limit})`);
  }
  return parts.length ? sql<SimilarCandidate>`${sql.join(parts, sql` union all `)}` : null;
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
