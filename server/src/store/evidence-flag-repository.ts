import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, EvidenceFlagTable } from './schema.js';

type Db = Kysely<Database>;
export type EvidenceFlagRow = Selectable<EvidenceFlagTable>;

export async function insertEvidenceFlags(db: Db, rows: Insertable<EvidenceFlagTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('evidence_flag').values(rows).execute();
}

export async function listEvidenceFlags(db: Db, reportId: string): Promise<EvidenceFlagRow[]> {
  return db
    .selectFrom('evidence_flag')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('level', 'desc') // warning before info
    .orderBy('code')
    .orderBy('id')
    .execute();
}

/** A photo of a report, and the staff member who approved the follow-up that carried it as evidence. */
export interface EvidenceApproval {
  reportId: string;
  attachmentId: string;
  approverId: string;
}

/**
 * Who approved each of these evidence photos: the follow-up whose event lists the photo, then the first verdict
 * on it (approved or returned). Only an approval counts, and only by a staff account that exists; evidence that is
 * still waiting, was returned, or was approved by no account (older test data, imports) yields nothing.
 */
export async function findEvidenceApprovals(
  db: Db,
  photos: Array<{ reportId: string; attachmentId: string }>,
): Promise<EvidenceApproval[]> {
  if (!photos.length) return [];
  const probe = JSON.stringify(photos.map((p) => ({ report_id: p.reportId, attachment_id: p.attachmentId })));
  const { rows } = await sql<{ report_id: string; attachment_id: string; approver_id: string }>`
    select x.report_id, x.attachment_id, u.id as approver_id
    from jsonb_to_recordset(${probe}::jsonb) as x(report_id uuid, attachment_id text)
    join report_event f on f.report_id = x.report_id and f.type = 'followed_up'
      and f.body -> 'attachmentIds' ? x.attachment_id
    join lateral (
      select v.type, v.actor_id from report_event v
      where v.report_id = f.report_id and v.seq > f.seq and v.type in ('approved', 'returned')
      order by v.seq
      limit 1
    ) verdict on verdict.type = 'approved'
    join app_user u on u.id::text = verdict.actor_id
    order by x.report_id, x.attachment_id
  `.execute(db);
  return rows.map((r) => ({
    reportId: r.report_id,
    attachmentId: r.attachment_id,
    approverId: r.approver_id,
  }));
}
