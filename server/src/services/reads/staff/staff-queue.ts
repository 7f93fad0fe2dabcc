import { can } from '../../../domain/authorize.js';
import type { Clock } from '../../../domain/report-state.js';
import type { Status } from '../../../domain/statuses.js';
import { decodeCursor } from '../../../store/keyset.js';
import type { StaffUser } from '../../../store/people-repository.js';
import { QUEUE_EXCERPT_CHARS, type QueueRow, queryQueue } from '../../../store/report-queries.js';
import { findReportById } from '../../../store/report-repository.js';
import type { AppContext } from '../../app/app-context.js';
import { actorOf } from '../../identity/policies.js';
import { iso } from '../read-schemas.js';
import { kelurahanRef, slaView, statusView } from '../read-parts.js';
import { staffTexts } from '../redaction.js';
import { pseudonymOf } from './pseudonyms.js';
import type { QueuePageT } from './staff-schema.js';

export interface QueueFilter {
  scope?: 'assigned' | 'escalated';
  status?: Status;
  open?: boolean;
  category?: string;
  channel?: string;
  kelurahan?: string;
  overdue?: boolean;
  similar?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The text of rows whose public text is not written yet (before the start-up backfill reached them), masked from
 * the vault like staff read it; rows with a public text need nothing read.
 */
async function textsWithoutPublicForm(ctx: AppContext, rows: QueueRow[]): Promise<Map<string, string>> {
  const missing = rows.filter((row) => row.public_excerpt === null);
  if (missing.length === 0) return new Map();
  const states = await Promise.all(missing.map((row) => findReportById(ctx.store.db, row.id)));
  return staffTexts(
    ctx,
    states.flatMap((state) => (state ? [{ state, publicText: null }] : [])),
  );
}

/** The text's first QUEUE_EXCERPT_CHARS characters (whole characters, as PostgreSQL's left() counts them). */
function excerptOf(text: string): string {
  const chars = Array.from(text);
  return chars.length > QUEUE_EXCERPT_CHARS ? `${chars.slice(0, QUEUE_EXCERPT_CHARS).join('')}…` : text;
}

/** At most five words of the search, each as typed (the match ignores case). */
const searchWords = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 5);

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
    channel: q.channel,
    kelurahanCode: q.kelurahan,
    overdueAt: q.overdue ? ctx.now() : undefined,
    withSimilar: q.similar,
    words: q.q ? searchWords(q.q) : undefined,
    cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit ?? 20,
  });
  const masked = await textsWithoutPublicForm(ctx, page.items);
  const now = ctx.now();
  return {
    items: page.items.map((row) => {
      return {
        ticket: row.ticket,
        status: statusView(row.status as Status),
        category: row.category_code,
        excerpt:
          row.public_excerpt === null
            ? excerptOf(masked.get(row.id) ?? '')
            : row.public_text_cut
              ? `${row.public_excerpt}…`
              : row.public_excerpt,
        kelurahan: kelurahanRef(ctx, row.kelurahan_code),
        location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
        assignedUnitId: row.assigned_unit_id,
        suggestedUnitId: row.suggested_unit_id,
        escalatedUnitId: row.escalated_unit_id,
        private: row.is_private,
        reporter: pseudonymOf(ctx.vault.pseudonymSecret, row.id),
        createdAt: iso(row.created_at),
        sla: slaView(
          ctx,
          {
            slaClock: row.sla_clock as Clock,
            createdAt: row.created_at,
            responseDueAt: row.response_due_at,
            completionDueAt: row.completion_due_at,
            respondedAt: row.responded_at,
            resolvedAt: row.resolved_at,
          },
          now,
        ),
        similarCount: Number(row.open_similar),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
