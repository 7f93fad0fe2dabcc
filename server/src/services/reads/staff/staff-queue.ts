import { can } from '../../../domain/authorize.js';
import { reporterPseudonym } from '../../../domain/pseudonym.js';
import type { Status } from '../../../domain/statuses.js';
import { decodeCursor } from '../../../store/keyset.js';
import type { StaffUser } from '../../../store/people-repository.js';
import { queryQueue } from '../../../store/report-queries.js';
import { rowToState } from '../../../store/report-rows.js';
import { countOpenSimilar } from '../../../store/similar-queries.js';
import type { AppContext } from '../../app/app-context.js';
import { actorOf } from '../../identity/policies.js';
import { iso } from '../read-schemas.js';
import { kelurahanRef, slaView, statusView } from '../read-parts.js';
import { staffTexts } from '../redaction.js';
import type { QueuePageT } from './staff-schema.js';

const EXCERPT = 160;

export interface QueueFilter {
  scope?: 'assigned' | 'escalated';
  status?: Status;
  open?: boolean;
  category?: string;
  kelurahan?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * A staff member's queue, a page at a time. An officer's is what their unit holds (or has been escalated, with
 * `scope=escalated`). Without a scope a verifier's queue is the city's evidence waiting for verification (or the
 * status asked for, city-wide); with one it is their own unit's, like an officer's. Rows show the redacted
 * text's start (cut from the stored public text: the same rule) and a pseudonym, never the reporter.
 */
export async function readQueue(ctx: AppContext, user: StaffUser, q: QueueFilter): Promise<QueuePageT> {
  const cityWide = can(actorOf(user), 'queue.verification') && !q.scope;
  const page = await queryQueue(ctx.store.db, {
    unitId: cityWide ? undefined : user.unitId,
    scope: q.scope,
    statuses: q.status ? [q.status] : cityWide ? ['menunggu_validasi'] : undefined,
    openOnly: q.open ?? true,
    category: q.category,
    kelurahanCode: q.kelurahan,
    overdueAt: q.overdue ? ctx.now() : undefined,
    cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit ?? 20,
  });
  const reports = page.items.map((row) => ({ state: rowToState(row), publicText: row.public_text }));
  const [texts, similar] = await Promise.all([
    staffTexts(ctx, reports),
    countOpenSimilar(
      ctx.store.db,
      reports.map((r) => r.state.id),
    ),
  ]);
  const now = ctx.now();
  return {
    items: reports.map(({ state: s }) => {
      const text = texts.get(s.id) ?? '';
      return {
        ticket: s.ticket,
        status: statusView(s.status),
        category: s.categoryCode,
        excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
        kelurahan: kelurahanRef(ctx, s.kelurahanCode),
        assignedUnitId: s.assignedUnitId,
        suggestedUnitId: s.suggestedUnitId,
        escalatedUnitId: s.escalatedUnitId,
        private: s.isPrivate,
        reporter: reporterPseudonym(ctx.vault.pseudonymSecret, s.id),
        createdAt: iso(s.createdAt),
        sla: slaView(ctx, s, now),
        similarCount: similar.get(s.id) ?? 0,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
