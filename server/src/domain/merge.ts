import type { MergedEvent, MergeReceivedEvent } from './report-events.js';
import type { ReportState } from './report-state.js';

/**
 * The event the receiving report records when a duplicate is merged into it: its status does not change.
 * decide() has already checked, on the same loaded state, that the receiving report is open.
 */
export function mergeReceived(into: ReportState, from: ReportState, merged: MergedEvent): MergeReceivedEvent {
  if (merged.intoReportId !== into.id || merged.intoTicket !== into.ticket)
    throw new Error(`the merge of ${from.ticket} names ${merged.intoTicket}, not ${into.ticket}`);
  return {
    type: 'merge_received',
    at: merged.at,
    actor: merged.actor,
    fromReportId: from.id,
    fromTicket: from.ticket,
    note: merged.note ?? null,
  };
}
