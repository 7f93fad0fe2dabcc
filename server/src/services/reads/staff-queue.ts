import { reporterPseudonym } from '../../domain/pseudonym.js';
import { redactText } from '../../domain/redact.js';
import { STATUS_LABELS } from '../../domain/statuses.js';
import type { AppContext } from '../app/app-context.js';
import { slaView } from './views.js';
import type { ReportRow } from '../../store/report-rows.js';
import { rowToState } from '../../store/report-rows.js';
import { decodeCursor } from '../../store/keyset.js';
import { queryQueue } from '../../store/report-queries.js';
import { countOpenSimilar } from '../../store/similar-queries.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { Status } from '../../domain/statuses.js';
import { redactionTermsFor } from './redaction-terms.js';

const EXCERPT = 160;

/** One queue row: enough to triage, nothing that identifies the reporter (text redacted, pseudonym only). */
function queueItem(ctx: AppContext, row: ReportRow, terms: Map<string, string[]>) {
  const s = rowToState(row);
  const text = redactText(s.text, { extraTerms: terms.get(s.id) ?? [] });
  return {
    ticket: s.ticket,
    status: { code: s.status, label: STATUS_LABELS[s.status] },
    category: s.categoryCode,
    excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
    kelurahan: s.kelurahanCode
      ? { code: s.kelurahanCode, name: ctx.city.city.regions.get(s.kelurahanCode)?.name ?? s.kelurahanCode }
      : null,
    assignedUnitId: s.assignedUnitId,
    suggestedUnitId: s.suggestedUnitId,
    escalatedUnitId: s.escalatedUnitId,
    private: s.isPrivate,
    reporter: reporterPseudonym(ctx.vault.pseudonymSecret, s.id),
    createdAt: s.createdAt,
    sla: slaView(ctx, s, ctx.now()),
  };
}

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
 * status asked for, city-wide); with one it is their own unit's, like an officer's.
 */
export async function readQueue(ctx: AppContext, user: StaffUser, q: QueueFilter) {
  const cityWide = user.role === 'verifier' && !q.scope;
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
  const [terms, similar] = await Promise.all([
    redactionTermsFor(ctx, page.items.map(rowToState)),
    countOpenSimilar(
      ctx.store.db,
      page.items.map((row) => row.id),
    ),
  ]);
  return {
    items: page.items.map((row) => ({
      ...queueItem(ctx, row, terms),
      similarCount: similar.get(row.id) ?? 0,
    })),
    nextCursor: page.nextCursor,
  };
}
