import { authorize } from '../../domain/authorize.js';
import { auditRowsBefore } from '../../store/audit-repository.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { actorOf } from '../identity/policies.js';

type Primitive = string | number | boolean | null;

/** The audit trail for administrators, newest first, a page at a time (the cursor is the last id seen). */
export async function readAuditTrail(
  ctx: AppContext,
  user: StaffUser,
  page: { cursor?: string; limit?: number },
) {
  authorize(actorOf(user), 'audit.read');
  const limit = page.limit ?? 50;
  const rows = await auditRowsBefore(ctx.store.db, page.cursor ?? null, limit + 1);
  const items = rows.slice(0, limit).map((row) => ({
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    action: row.action,
    subject: row.subject,
    reason: row.reason,
    detail: (row.detail ?? {}) as Record<string, Primitive>,
    hash: row.hash,
  }));
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
