import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { OPEN_STATUSES, type Status } from '../domain/statuses.js';
import { type Cursor, type Page, pageOf } from './keyset.js';
import type { ReportRow } from './report-rows.js';
import type { Database } from './schema.js';
import { statementShapes } from './statement-shapes.js';

type Db = Kysely<Database>;

export type { Page };

/** Newest first, after the cursor's row when given, `rows` at most (one more than a page shows). */
function newestFirstQuery<O>(
  q: SelectQueryBuilder<Database, 'report', O>,
  afterAt: Date | undefined,
  afterId: string | undefined,
  rows: number,
): SelectQueryBuilder<Database, 'report', O> {
  if (afterAt && afterId)
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(afterAt, afterId)));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(rows);
}

/** One row more than asked, so we know whether another page exists. */
async function newestFirst<O extends { created_at: Date; id: string }>(
  q: SelectQueryBuilder<Database, 'report', O>,
  cursor: Cursor | undefined,
  limit: number,
): Promise<Page<O>> {
  return pageOf(await newestFirstQuery(q, cursor?.createdAt, cursor?.id, limit + 1).execute(), limit);
}

export interface QueueFilter {
  unitId?: string;
  scope?: 'assigned' | 'escalated';
  statuses?: Status[];
  openOnly?: boolean;
  category?: string;
  /** the channel the report came by (city.json channel code) */
  channel?: string;
  kelurahanCode?: string;
  overdueAt?: Date;
  /** Only reports with at least one open "laporan serupa" (either way round). */
  withSimilar?: boolean;
  /** Words the redacted text contains (all of them, in any case), or a ticket's start. */
  words?: string[];
  includeRemoved?: boolean;
  cursor?: Cursor;
  limit: number;
}

/**
 * The open statuses as literals. The server prepares every statement (engine/prepared-statements.ts) and
 * PostgreSQL moves a prepared statement to a plan made without its parameters' values; only a condition written
 * as literals there can match a partial index (`report_open_queue_idx`). As parameters, an overdue queue read
 * the unit's whole history through `report_unit_queue_idx` (measured: 21 ms against 1.4 ms for a busy unit).
 */
const OPEN_LITERALS = [...OPEN_STATUSES].map((s) => sql.lit(s));

/** What a queue row shows (staff-queue.ts): not the report's words, address or reporter. */
const QUEUE_COLUMNS = [
  'id',
  'ticket',
  'status',
  'category_code',
  'kelurahan_code',
  'lat',
  'lng',
  'assigned_unit_id',
  'suggested_unit_id',
  'escalated_unit_id',
  'is_private',
  'sla_clock',
  'response_due_at',
  'completion_due_at',
  'responded_at',
  'resolved_at',
  'created_at',
] as const satisfies readonly (keyof ReportRow)[];

const OPEN_LIST = sql.join(OPEN_LITERALS);

/**
 * How many open reports each queue row is linked to as "laporan serupa", either way round (countOpenSimilar),
 * read with the page rather than by a second query.
 */
const openSimilarLinks = sql<string>`(
    (select count(*) from report_link l join report o on o.id = l.similar_report_id
      where l.report_id = report.id and o.status in (${OPEN_LIST}))
  + (select count(*) from report_link l join report o on o.id = l.report_id
      where l.similar_report_id = report.id and o.status in (${OPEN_LIST})))`;
const openSimilarCount = openSimilarLinks.as('open_similar');

/** How much of its public text a queue row carries: a letter can run to pages, a row shows its start. */
export const QUEUE_EXCERPT_CHARS = 160;
const publicExcerpt = sql<string | null>`left(public_text, ${sql.lit(QUEUE_EXCERPT_CHARS)})`.as(
  'public_excerpt',
);
const publicTextCut = sql<boolean | null>`char_length(public_text) > ${sql.lit(QUEUE_EXCERPT_CHARS)}`.as(
  'public_text_cut',
);

export type QueueRow = Pick<ReportRow, (typeof QUEUE_COLUMNS)[number]> & {
  /** Open "laporan serupa" of the report (a count, as int8 text). */
  open_similar: string;
  /** The public text's first QUEUE_EXCERPT_CHARS characters (null while it is not written yet). */
  public_excerpt: string | null;
  /** Whether the public text goes on past the excerpt. */
  public_text_cut: boolean | null;
};

export async function queryQueue(db: Db, f: QueueFilter): Promise<Page<QueueRow>> {
  return pageOf((await db.executeQuery(queueQuery(db, f))).rows, f.limit);
}

/** A queue's values: the filter's, with the search patterns and the cursor's parts worked out. */
interface QueueValues {
  [key: string]: unknown;
  unitId: string | undefined;
  escalated: boolean;
  statuses: Status[] | undefined;
  openOnly: boolean;
  category: string | undefined;
  channel: string | undefined;
  kelurahanCode: string | undefined;
  overdueAt: Date | undefined;
  withSimilar: boolean;
  patterns: string[] | undefined;
  includeRemoved: boolean;
  afterAt: Date | undefined;
  afterId: string | undefined;
  rows: number;
}

/** A unit's work queue (or the verifier's, with no unit), newest first, keyset-paginated. */
export const queueQuery = statementShapes(
  (f: QueueFilter): QueueValues => ({
    unitId: f.unitId,
    escalated: f.scope === 'escalated',
    statuses: f.statuses,
    openOnly: f.openOnly ?? false,
    category: f.category,
    channel: f.channel,
    kelurahanCode: f.kelurahanCode,
    overdueAt: f.overdueAt,
    withSimilar: f.withSimilar ?? false,
    patterns: f.words?.map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    includeRemoved: f.includeRemoved ?? false,
    afterAt: f.cursor?.createdAt,
    afterId: f.cursor?.id,
    rows: f.limit + 1,
  }),
  (db, v: QueueValues) => {
    let q = db
      .selectFrom('report')
      .select(QUEUE_COLUMNS)
      .select([publicExcerpt, publicTextCut, openSimilarCount]);
    if (v.unitId) q = q.where(v.escalated ? 'escalated_unit_id' : 'assigned_unit_id', '=', v.unitId);
    if (v.statuses?.length) q = q.where('status', 'in', v.statuses);
    else if (v.openOnly || v.overdueAt) q = q.where('status', 'in', OPEN_LITERALS);
    if (v.category) q = q.where('category_code', '=', v.category);
    if (v.channel) q = q.where('channel', '=', v.channel);
    if (v.kelurahanCode) q = q.where('kelurahan_code', '=', v.kelurahanCode);
    if (v.withSimilar) q = q.where(sql<boolean>`${openSimilarLinks} > 0`);
    // the redacted text (what staff read; never the reporter's own words) or the ticket
    for (const pattern of v.patterns ?? [])
      q = q.where((eb) => eb.or([eb('public_text', 'ilike', pattern), eb('ticket', 'ilike', pattern)]));
    if (v.overdueAt) {
      q = q.where('completion_due_at', '<', v.overdueAt);
      // overdue means open, whatever status was asked for
      if (v.statuses?.length) q = q.where('status', 'in', OPEN_LITERALS);
    }
    if (!v.includeRemoved) q = q.where('visibility', '!=', sql.lit('removed'));
    return newestFirstQuery(q, v.afterAt, v.afterId, v.rows);
  },
  ['escalated', 'openOnly', 'withSimilar', 'includeRemoved'],
);

const KOTA_CODE_LENGTH = 5;

export interface FeedFilter {
  category?: string;
  /** A kota or kecamatan code: the kelurahan codes under it. */
  kotaPrefix?: string;
  kelurahan?: string;
  status?: Status;
  cursor?: Cursor;
  limit: number;
}

/**
 * JakRespons: public, visible reports only, without merged duplicates. A category or kota narrows the feed through
 * an index of its own (0014-public-feed-filters): read through the feed's index and filtered, a category or kota
 * with few public reports (or none: any string is accepted) read most of the table for one page.
 */
/** What a feed row shows (public-feed.ts): never the report's own words, address, point or reporter. */
const FEED_COLUMNS = [
  'id',
  'ticket',
  'status',
  'category_code',
  'public_text',
  'is_private',
  'kelurahan_code',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ReportRow)[];
export type FeedRow = Pick<ReportRow, (typeof FEED_COLUMNS)[number]>;

/** A feed page's values: the filter's, with the region's pattern, kota codes and the cursor's parts worked out. */
interface FeedValues {
  [key: string]: unknown;
  category: string | undefined;
  kotaLike: string | undefined;
  kotaOfPrefix: string | undefined;
  kelurahan: string | undefined;
  kotaOfKelurahan: string | undefined;
  status: Status | undefined;
  afterAt: Date | undefined;
  afterId: string | undefined;
  rows: number;
}

/** The indexed expression of the kota index (a kota code is five characters, 31.74). */
const kotaOf = sql<string>`left(kelurahan_code, ${sql.lit(KOTA_CODE_LENGTH)})`;

export const publicFeedQuery = statementShapes(
  (f: FeedFilter): FeedValues => ({
    category: f.category,
    kotaLike: f.kotaPrefix ? `${f.kotaPrefix}.%` : undefined,
    kotaOfPrefix:
      f.kotaPrefix && f.kotaPrefix.length >= KOTA_CODE_LENGTH
        ? f.kotaPrefix.slice(0, KOTA_CODE_LENGTH)
        : undefined,
    kelurahan: f.kelurahan,
    kotaOfKelurahan: f.kelurahan ? f.kelurahan.slice(0, KOTA_CODE_LENGTH) : undefined,
    status: f.status,
    afterAt: f.cursor?.createdAt,
    afterId: f.cursor?.id,
    rows: f.limit + 1,
  }),
  (db, v: FeedValues) => {
    // literals, not parameters: a prepared statement's generic plan can then read the partial feed index (as
    // parameters it could not, so PostgreSQL planned the query again at every execution: ~0.15 ms a page, five
    // times the query itself)
    let q = db
      .selectFrom('report')
      .select(FEED_COLUMNS)
      .where('is_private', '=', sql.lit(false))
      .where('visibility', '=', sql.lit('visible'))
      // a merged duplicate is followed through the report it joined
      .where('status', '!=', sql.lit('digabung'));
    if (v.category) q = q.where('category_code', '=', v.category);
    if (v.kotaLike) q = q.where('kelurahan_code', 'like', v.kotaLike);
    // the kota index's expression, implied by the pattern above, so that the planner may use it
    if (v.kotaOfPrefix) q = q.where(kotaOf, '=', v.kotaOfPrefix);
    if (v.kelurahan) q = q.where('kelurahan_code', '=', v.kelurahan);
    // the kota index's expression again
    if (v.kotaOfKelurahan) q = q.where(kotaOf, '=', v.kotaOfKelurahan);
    if (v.status) q = q.where('status', '=', v.status);
    return newestFirstQuery(q, v.afterAt, v.afterId, v.rows);
  },
);

export async function queryPublicFeed(db: Db, f: FeedFilter): Promise<Page<FeedRow>> {
  return pageOf((await db.executeQuery(publicFeedQuery(db, f))).rows, f.limit);
}

export async function queryCitizenReports(
  db: Db,
  citizenId: string,
  cursor: Cursor | undefined,
  limit: number,
): Promise<Page<ReportRow>> {
  return newestFirst(db.selectFrom('report').selectAll().where('citizen_id', '=', citizenId), cursor, limit);
}

export async function dueForEscalation(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('report')
    .select('ticket')
    .where('next_escalation_at', '<=', now)
    .orderBy('next_escalation_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.ticket);
}

export interface CityStats {
  total: number;
  last30Days: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  averageHoursToSolve: number | null;
  solvedShare: number | null;
  byChannel: Record<string, ChannelFigures>;
}

/** One channel's figures: how many reports came by it, how soon the citizen heard back, how many sends failed. */
export interface ChannelFigures {
  reports: number;
  last30Days: number;
  /** from the report's intake to the delivery of its first message to the citizen (the ticket), on average */
  averageMinutesToFirstReply: number | null;
  /** notifications still undelivered an hour after they were due (failing or dead-lettered sends) */
  failedSends: number;
}

/** How soon a channel's citizens heard back, and how many sends failed (ChannelFigures). */
export type ChannelReplies = Pick<ChannelFigures, 'averageMinutesToFirstReply' | 'failedSends'>;

/**
 * Per channel: the average minutes from intake to the delivery of the first message to the citizen, over reports
 * created since `since` (null: all), and the notifications still undelivered an hour after they were due (now).
 */
export async function queryChannelReplies(
  db: Db,
  now: Date,
  since: Date | null,
): Promise<Map<string, ChannelReplies>> {
  const rows = await db
    .selectFrom('citizen_notification as n')
    .innerJoin('report as r', 'r.id', 'n.report_id')
    .select([
      'r.channel',
      sql<string | null>`avg(extract(epoch from (n.delivered_at - r.created_at)) / 60)
          filter (where n.event_seq = 1 and n.delivered_at is not null
            and r.created_at >= ${since ?? new Date(0)})`.as('minutes'),
      sql<string>`count(*) filter (where n.delivered_at is null and n.created_at < ${new Date(now.getTime() - 3_600_000)})`.as(
        'failed',
      ),
    ])
    .groupBy('r.channel')
    .execute();
  return new Map(
    rows.map((r) => [
      r.channel,
      {
        averageMinutesToFirstReply: r.minutes === null ? null : Math.round(Number(r.minutes) * 10) / 10,
        failedSends: Number(r.failed),
      },
    ]),
  );
}

/** City-wide figures for the public statistics page; counts only, never text. */
export async function queryCityStats(db: Db, now: Date): Promise<CityStats> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [byStatus, byCategory, solved, recent, channels, replies] = await Promise.all([
    db
      .selectFrom('report')
      .select(['status', sql<string>`count(*)`.as('n')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('report')
      .select(['category_code', sql<string>`count(*)`.as('n')])
      .groupBy('category_code')
      .execute(),
    db
      .selectFrom('report')
      .select(sql<string | null>`avg(extract(epoch from (resolved_at - created_at)) / 3600)`.as('hours'))
      .where('status', '=', 'selesai')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('report')
      .select(sql<string>`count(*)`.as('n'))
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('report')
      .select([
        'channel',
        sql<string>`count(*)`.as('n'),
        sql<string>`count(*) filter (where created_at >= ${since})`.as('recent'),
      ])
      .groupBy('channel')
      .execute(),
    queryChannelReplies(db, now, null),
  ]);
  const statusCounts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const closed = (statusCounts.selesai ?? 0) + (statusCounts.ditolak ?? 0) + (statusCounts.dicabut ?? 0);
  return {
    total,
    last30Days: Number(recent.n),
    byStatus: statusCounts,
    byCategory: Object.fromEntries(byCategory.map((r) => [r.category_code, Number(r.n)])),
    averageHoursToSolve: solved.hours === null ? null : Math.round(Number(solved.hours) * 10) / 10,
    solvedShare: closed === 0 ? null : Math.round(((statusCounts.selesai ?? 0) / closed) * 1000) / 1000,
    byChannel: Object.fromEntries(
      channels.map((c) => {
        const reply = replies.get(c.channel);
        return [
          c.channel,
          {
            reports: Number(c.n),
            last30Days: Number(c.recent),
            averageMinutesToFirstReply: reply?.averageMinutesToFirstReply ?? null,
            failedSends: reply?.failedSends ?? 0,
          },
        ];
      }),
    ),
  };
}
