import type { Kysely, Selectable } from 'kysely';
import type { Database, RevealRequestTable } from './schema.js';

type Db = Kysely<Database>;
export type RevealRequestRow = Selectable<RevealRequestTable>;

/** A request with the ticket of its report and the names of who asked and who decided, as staff see it. */
export type RevealRequestWithTicket = RevealRequestRow & {
  ticket: string;
  requester_name: string;
  decider_name: string | null;
};

function withNames(db: Db) {
  return db
    .selectFrom('reveal_request')
    .innerJoin('report', 'report.id', 'reveal_request.report_id')
    .innerJoin('app_user as requester', 'requester.id', 'reveal_request.requested_by')
    .leftJoin('app_user as decider', 'decider.id', 'reveal_request.decided_by')
    .selectAll('reveal_request')
    .select([
      'report.ticket',
      'requester.display_name as requester_name',
      'decider.display_name as decider_name',
    ]);
}

export async function insertRevealRequest(
  db: Db,
  row: Pick<
    RevealRequestRow,
    'id' | 'report_id' | 'requested_by' | 'requester_unit_id' | 'reason' | 'requested_at'
  >,
): Promise<void> {
  await db
    .insertInto('reveal_request')
    .values({ ...row, status: 'menunggu' })
    .execute();
}

/** When this person made requests since `since` (their daily allowance). */
export async function requestTimesSince(db: Db, requestedBy: string, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('reveal_request')
    .select('requested_at')
    .where('requested_by', '=', requestedBy)
    .where('requested_at', '>', since)
    .execute();
  return rows.map((r) => new Date(r.requested_at));
}

export function findRevealRequest(db: Db, id: string): Promise<RevealRequestWithTicket | undefined> {
  return withNames(db).where('reveal_request.id', '=', id).executeTakeFirst();
}

/**
 * Records a decision on a request still waiting; false when someone decided it first (two officials at once:
 * exactly one decision stands).
 */
export async function decideRevealRequest(
  db: Db,
  id: string,
  decision: Pick<RevealRequestRow, 'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'view_until'>,
): Promise<boolean> {
  const result = await db
    .updateTable('reveal_request')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'menunggu')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stamps the first time the identity was seen under the request (later views are in the audit trail). */
export async function markRevealViewed(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('reveal_request')
    .set({ first_viewed_at: at })
    .where('id', '=', id)
    .where('first_viewed_at', 'is', null)
    .execute();
}

export interface RevealRequestFilter {
  /** only requests still waiting (status menunggu) */
  waitingOnly?: boolean;
  /** only this person's requests */
  requestedBy?: string;
  /** only this report's requests */
  reportId?: string;
}

/** Requests newest first, at most `limit`. */
export function listRevealRequests(
  db: Db,
  filter: RevealRequestFilter,
  limit: number,
): Promise<RevealRequestWithTicket[]> {
  let query = withNames(db)
    .orderBy('reveal_request.requested_at', 'desc')
    .orderBy('reveal_request.id', 'desc')
    .limit(limit);
  if (filter.waitingOnly) query = query.where('reveal_request.status', '=', 'menunggu');
  if (filter.requestedBy) query = query.where('reveal_request.requested_by', '=', filter.requestedBy);
  if (filter.reportId) query = query.where('reveal_request.report_id', '=', filter.reportId);
  return query.execute();
}

export type ApprovedReveal = Pick<
  RevealRequestRow,
  'requester_unit_id' | 'reason' | 'decided_at' | 'first_viewed_at'
>;

/** The approved requests on a report, oldest first: what its reporter is told. */
export function approvedRevealsOf(db: Db, reportId: string): Promise<ApprovedReveal[]> {
  return db
    .selectFrom('reveal_request')
    .select(['requester_unit_id', 'reason', 'decided_at', 'first_viewed_at'])
    .where('report_id', '=', reportId)
    .where('status', '=', 'disetujui')
    .orderBy('decided_at')
    .execute();
}
