import { foldEvents } from '../../domain/evolve.js';
import { chainLink } from '../../security/chain-hash.js';
import { auditLinkContent, auditRowsAfter } from '../../store/audit-repository.js';
import { eventLinkContent } from '../../store/event-chain.js';
import { eventsOfReports, reportsAfter } from '../../store/history-scan.js';
import { reviveEvent, rowToState } from '../../store/report-rows.js';
import type { AppContext } from '../app/app-context.js';

export interface HistoryProblem {
  where: 'audit_log' | 'report';
  /** the audit entry id, or the report's ticket */
  id: string;
  /** for a report: the event's sequence number, when one event is at fault */
  seq?: number;
  problem: 'changed_or_removed_before' | 'unlinked' | 'gap' | 'state_differs_from_history';
  detail?: string;
}

export interface VerifyResult {
  auditEntries: number;
  /** the newest entry and its link: keep it apart from the database to notice a cut-off tail later */
  auditHead: { id: string; hash: string } | null;
  reports: number;
  events: number;
  problems: HistoryProblem[];
}

const PAGE = 500;
/** The report columns a history decides; any of them set without an event is a forgery. */
const DECIDED_BY_HISTORY = [
  'status',
  'categoryCode',
  'assignedUnitId',
  'escalatedUnitId',
  'visibility',
  'rating',
  'mergedIntoId',
  'eventCount',
  'resolvedAt',
] as const;

async function verifyAuditTrail(ctx: AppContext, result: VerifyResult): Promise<void> {
  let previous = '';
  let afterId = '0';
  for (;;) {
    const rows = await auditRowsAfter(ctx.store.db, afterId, PAGE);
    for (const row of rows) {
      result.auditEntries++;
      const expected = chainLink(ctx.vault.chainSecret, previous, auditLinkContent(row));
      if (row.hash === null)
        result.problems.push({ where: 'audit_log', id: String(row.id), problem: 'unlinked' });
      else if (row.hash !== expected)
        result.problems.push({
          where: 'audit_log',
          id: String(row.id),
          problem: 'changed_or_removed_before',
        });
      previous = row.hash ?? expected;
      result.auditHead = { id: String(row.id), hash: previous };
    }
    if (rows.length < PAGE) return;
    afterId = String(rows[rows.length - 1]!.id);
  }
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

async function verifyReports(ctx: AppContext, result: VerifyResult): Promise<void> {
  let afterId: string | null = null;
  for (;;) {
    const reports = await reportsAfter(ctx.store.db, afterId, PAGE);
    const events = await eventsOfReports(
      ctx.store.db,
      reports.map((r) => r.id),
    );
    for (const report of reports) {
      result.reports++;
      const rows = events.get(report.id) ?? [];
      let previous = '';
      rows.forEach((row, index) => {
        result.events++;
        const problem = (kind: HistoryProblem['problem']) =>
          result.problems.push({ where: 'report', id: report.ticket, seq: row.seq, problem: kind });
        if (row.seq !== index + 1) problem('gap');
        const expected = chainLink(ctx.vault.chainSecret, previous, eventLinkContent(row));
        if (row.hash === null) problem('unlinked');
        else if (row.hash !== expected) problem('changed_or_removed_before');
        previous = row.hash ?? expected;
      });
      if (rows.length === 0) {
        result.problems.push({ where: 'report', id: report.ticket, problem: 'gap', detail: 'no events' });
        continue;
      }
      const folded = foldEvents(rows.map((r) => reviveEvent(r.body)));
      const stored = rowToState(report);
      const differing = DECIDED_BY_HISTORY.filter(
        (field) => comparable(folded[field]) !== comparable(stored[field]),
      );
      if (differing.length)
        result.problems.push({
          where: 'report',
          id: report.ticket,
          problem: 'state_differs_from_history',
          detail: differing.join(', '),
        });
    }
    if (reports.length < PAGE) return;
    afterId = reports[reports.length - 1]!.id;
  }
}

/**
 * Walks the audit trail and every report's history: each link must be the HMAC of the one before it and its
 * entry (security/chain-hash.ts), no event may be missing, and each report's stored state must be what its
 * history makes of it. Reads only; changes nothing.
 */
export async function verifyHistory(ctx: AppContext): Promise<VerifyResult> {
  const result: VerifyResult = { auditEntries: 0, auditHead: null, reports: 0, events: 0, problems: [] };
  await verifyAuditTrail(ctx, result);
  await verifyReports(ctx, result);
  return result;
}
