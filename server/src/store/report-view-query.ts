import { type Kysely, sql } from 'kysely';
import type { AttachmentRow } from './attachment-repository.js';
import type { ReportWithPublicText } from './public-text-repository.js';
import type { StoredEvent } from './report-repository.js';
import { type ReportRow, reviveEvent, rowToState } from './report-rows.js';
import type { ApprovedReveal } from './reveal-request-repository.js';
import { citizenTokenFrom, type EndReason, type TokenRow } from './citizen-token-repository.js';
import type { Database } from './schema.js';
import { statementShapes } from './statement-shapes.js';

type Db = Kysely<Database>;

/** What a report view shows of an attachment (read-parts.ts#attachmentView). */
export type ViewAttachment = Pick<
  AttachmentRow,
  'id' | 'kind' | 'role' | 'processing' | 'width' | 'height' | 'duration_seconds'
>;

export interface ReportHistoryAndMedia {
  /** The report's history, oldest first (as listEvents). */
  events: StoredEvent[];
  /** Its attachments, in the order they came (as listAttachments). */
  attachments: ViewAttachment[];
  /** The approved requests to see its reporter, oldest first (as approvedRevealsOf): what the reporter is told. */
  reveals?: ApprovedReveal[];
}

export type ReportForView = ReportWithPublicText &
  ReportHistoryAndMedia & {
    /** With a token hash: what that token is (as findCitizenToken), read with the report. */
    token?: TokenRow | null;
  };

type RevealTuple = [string, string, string, string | null];
type TokenTuple = [string, number, number | null, number | null, EndReason | null];
type EventTuple = [number, string | null, string, string, string | null];
type AttachmentTuple = [
  string,
  ViewAttachment['kind'],
  ViewAttachment['role'],
  ViewAttachment['processing'],
  number | null,
  number | null,
  number | null,
];

const reportForView = statementShapes(
  (args: { ticket: string; withReveals: boolean; tokenHash: string | undefined }) => args,
  (db, v) =>
    db
      .selectFrom('report as r')
      .selectAll('r')
      .select([
        sql<EventTuple[] | null>`(
        select json_agg(json_build_array(e.seq, e.from_status, e.to_status, e.body::text, e.public_note)
          order by e.seq)
        from report_event e where e.report_id = r.id)`.as('view_events'),
        sql<AttachmentTuple[] | null>`(
        select json_agg(json_build_array(a.id, a.kind, a.role, a.processing, a.width, a.height,
          a.duration_seconds) order by a.created_at)
        from attachment a where a.report_id = r.id)`.as('view_attachments'),
      ])
      // only the reporter is told of reveals: a reader without a token never needs them
      .$if(v.withReveals, (q) =>
        q.select(
          sql<RevealTuple[] | null>`(
          select json_agg(json_build_array(q.requester_unit_id, q.reason, q.decided_at, q.first_viewed_at)
            order by q.decided_at)
          from reveal_request q where q.report_id = r.id and q.status = 'disetujui')`.as('view_reveals'),
        ),
      )
      // the reader's current citizen token beside the report: one statement instead of two (instants as epoch
      // ms, cut as pg's parser cuts them)
      .$if(v.tokenHash !== undefined, (q) =>
        q.select(
          sql<TokenTuple | null>`(
          select json_build_array(c.id, floor(extract(epoch from c.created_at) * 1000),
            floor(extract(epoch from c.token_used_at) * 1000), floor(extract(epoch from e.ended_at) * 1000), e.reason)
          from citizen c left join citizen_token_ended e on e.token_hash = c.token_hash
          where c.token_hash = ${v.tokenHash})`.as('view_token'),
        ),
      )
      .where('r.ticket', '=', v.ticket),
  ['withReveals'],
);

/**
 * A report with its stored public text, its history and its attachments, by ticket, in one statement: a
 * report view read them in three (two of them after the first), each a round trip and a wake-up of the
 * database. History and attachments come as JSON arrays of tuples; event bodies as their JSON text.
 */
export async function findReportForView(
  db: Db,
  ticket: string,
  { withReveals, tokenHash }: { withReveals: boolean; tokenHash?: string },
): Promise<ReportForView | null> {
  const [row] = (await db.executeQuery(reportForView(db, { ticket, withReveals, tokenHash }))).rows;
  if (!row) return null;
  const { view_events, view_attachments, view_reveals, view_token, ...report } = row;
  const ms = (value: number | null) => (value === null ? null : new Date(value));
  return {
    ...(tokenHash === undefined
      ? {}
      : {
          token: await citizenTokenFrom(db, tokenHash, {
            token_citizen_id: view_token?.[0] ?? null,
            token_created_at: ms(view_token?.[1] ?? null),
            token_used_at: ms(view_token?.[2] ?? null),
            token_ended_at: ms(view_token?.[3] ?? null),
            token_end_reason: view_token?.[4] ?? null,
          }),
        }),
    state: rowToState(report as ReportRow),
    publicText: report.public_text,
    events: (view_events ?? []).map(([seq, fromStatus, toStatus, body, publicNote]) => ({
      seq,
      fromStatus,
      toStatus,
      event: reviveEvent(body),
      publicNote,
    })),
    attachments: (view_attachments ?? []).map(
      ([id, kind, role, processing, width, height, durationSeconds]) => ({
        id,
        kind,
        role,
        processing,
        width,
        height,
        duration_seconds: durationSeconds,
      }),
    ),
    reveals:
      view_reveals === undefined
        ? undefined
        : (view_reveals ?? []).map(([unitId, reason, decidedAt, firstViewedAt]) => ({
            requester_unit_id: unitId,
            reason,
            decided_at: new Date(decidedAt),
            first_viewed_at: firstViewedAt === null ? null : new Date(firstViewedAt),
          })),
  };
}
