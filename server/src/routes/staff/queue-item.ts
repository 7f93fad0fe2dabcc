import { reporterPseudonym } from '../../domain/pseudonym.js';
import { redactText } from '../../domain/redact.js';
import { STATUS_LABELS } from '../../domain/statuses.js';
import type { AppContext } from '../../services/app-context.js';
import { slaView } from '../../services/views.js';
import type { ReportRow } from '../../store/report-rows.js';
import { rowToState } from '../../store/report-rows.js';

const EXCERPT = 160;

/** One queue row: enough to triage, nothing that identifies the reporter (text redacted, pseudonym only). */
export function queueItem(ctx: AppContext, row: ReportRow, terms: Map<string, string[]>) {
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
