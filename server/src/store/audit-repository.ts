import { type Kysely, type Selectable, sql } from 'kysely';
import { chainLink } from '../security/chain-hash.js';
import type { AuditLogTable, Database } from './schema.js';

type Db = Kysely<Database>;
export type AuditRow = Selectable<AuditLogTable>;

export interface AuditEntry {
  at: Date;
  /** the staff member (or `system`, `cli`) who acted; null when nobody signed in did */
  actorId: string | null;
  action: string;
  subject: string | null;
  reason: string | null;
  detail?: object;
}

// Any fixed number: appends to the audit chain take this transaction-scoped lock one at a time.
const AUDIT_CHAIN_LOCK = 7_401_001;

/** What a link covers: every column but the id and the link itself. */
export function auditLinkContent(
  row: Pick<AuditRow, 'at' | 'actor_id' | 'action' | 'subject' | 'reason' | 'detail'>,
) {
  return {
    at: new Date(row.at).toISOString(),
    actor_id: row.actor_id,
    action: row.action,
    subject: row.subject,
    reason: row.reason,
    detail: row.detail,
  };
}

/** Links entries written before the chain existed, oldest first, so that no linked entry ever follows them. */
async function linkOlderEntries(tx: Db, secret: Buffer): Promise<void> {
  let previous = '';
  for (const row of await tx.selectFrom('audit_log').selectAll().orderBy('id').execute()) {
    const hash = row.hash ?? chainLink(secret, previous, auditLinkContent(row));
    if (row.hash === null) await tx.updateTable('audit_log').set({ hash }).where('id', '=', row.id).execute();
    previous = hash;
  }
}

async function appendLocked(tx: Db, secret: Buffer, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
  const lastRow = () =>
    tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let last = await lastRow();
  if (last && last.hash === null) {
    await linkOlderEntries(tx, secret);
    last = await lastRow();
  }
  const row = {
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    reason: entry.reason,
    detail: entry.detail ?? {},
  };
  await tx
    .insertInto('audit_log')
    .values({
      ...row,
      detail: JSON.stringify(row.detail),
      hash: chainLink(secret, last?.hash ?? '', auditLinkContent(row)),
    })
    .execute();
}

/** Links the entries written before the chain existed (a start-up pass; a no-op once they are linked). */
export async function linkOlderAuditEntries(db: Db, secret: Buffer): Promise<void> {
  const unlinked = await db
    .selectFrom('audit_log')
    .select('id')
    .where('hash', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!unlinked) return;
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
    await linkOlderEntries(tx, secret);
  });
}

/** Appends one entry to the audit trail, linked to the one before it (inside the caller's transaction, if any). */
export async function appendAudit(db: Db, secret: Buffer, entry: AuditEntry): Promise<void> {
  if (db.isTransaction) return appendLocked(db, secret, entry);
  await db.transaction().execute((tx) => appendLocked(tx, secret, entry));
}

/** The audit trail in the order it was written, a page at a time (ids after `afterId`). */
export function auditRowsAfter(db: Db, afterId: string, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Newest first, for the auditors' API. */
export function auditRowsBefore(db: Db, beforeId: string | null, limit: number): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId !== null) query = query.where('id', '<', beforeId);
  return query.execute();
}
