import { decide, isAllowed } from '../../domain/decide.js';
import { DomainError } from '../../domain/domain-error.js';
import { evolve } from '../../domain/evolve.js';
import { mergeReceived } from '../../domain/merge.js';
import type { Actor, MergedEvent } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { appendEvent, findReportByTicket } from '../../store/report-repository.js';
import { publicNoteFor } from '../intake/public-text.js';
import { loadForChange, owedAfterAction } from './actions.js';
import { insertOutbox } from '../../store/outbox-repository.js';
import type { AppContext } from '../app/app-context.js';

export interface MergeRequest {
  intoTicket: string;
  note?: string | null;
  /** The version of the duplicate the actor saw (see report-version.ts). */
  expectedVersion?: number;
}

/**
 * Merges a duplicate into another open report: the duplicate closes as Digabung and its citizen follows the
 * other report; the other report records what it received. Both events are stored in one transaction, each
 * guarded by its event count.
 */
export async function mergeReport(
  ctx: AppContext,
  ticket: string,
  request: MergeRequest,
  actor: Actor,
): Promise<ReportState> {
  const now = ctx.now();
  const duplicate = await loadForChange(ctx, ticket, actor, request.expectedVersion);
  const into = await findReportByTicket(ctx.store.db, request.intoTicket);
  if (!into) {
    // Someone who may not merge this report learns that (403/409) before anything about other tickets.
    if (!isAllowed(duplicate, actor, 'merge'))
      decide(duplicate, { type: 'merge', into: duplicate }, actor, now);
    throw DomainError.notFound({
      id: `Laporan tujuan ${request.intoTicket} tidak ditemukan`,
      en: `The report to merge into, ${request.intoTicket}, was not found`,
    });
  }
  const merged = decide(duplicate, { type: 'merge', into, note: request.note }, actor, now) as MergedEvent;
  const received = mergeReceived(into, duplicate, merged);
  const after = evolve(duplicate, merged);
  const intoAfter = evolve(into, received);
  const writes = [
    { before: duplicate, after, event: merged },
    { before: into, after: intoAfter, event: received },
  ].sort((a, b) => (a.before.id < b.before.id ? -1 : 1)); // one lock order, so crossed merges cannot deadlock
  const owed = owedAfterAction([], duplicate, after, actor, now);
  // before the transaction: masking reads the vault's terms through the pool (one connection when embedded)
  const publicNotes = await Promise.all(writes.map((w) => publicNoteFor(ctx, w.after, w.event)));
  await ctx.store.db.transaction().execute(async (tx) => {
    for (const [i, w] of writes.entries())
      await appendEvent(tx, ctx.vault.chainSecret, w.before, w.after, w.event, {
        publicNote: publicNotes[i],
      });
    await insertOutbox(tx, owed);
  });
  ctx.log.info({ ticket, into: into.ticket }, 'report merged');
  if (owed.length) ctx.jobs?.poke();
  return after;
}
