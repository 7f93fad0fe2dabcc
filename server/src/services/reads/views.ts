import { allowedCommands } from '../../domain/decide.js';
import { apiActionNames } from '../handling/action-names.js';
import { reporterPseudonym } from '../../domain/pseudonym.js';
import { redactTerms, redactText } from '../../domain/redact.js';
import type { Actor, CreatedEvent } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { slaFlag } from '../../domain/sla.js';
import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import type { Text } from '../../domain/text.js';
import type { AttachmentRow } from '../../store/attachment-repository.js';
import type { EvidenceFlagRow } from '../../store/evidence-flag-repository.js';
import type { StoredEvent } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { EVENT_LABELS } from './event-labels.js';
import { evidenceFlagView } from './evidence-flag-view.js';

export type Audience = 'citizen' | 'officer' | 'public';

export const PRIVACY_LABEL: Text = {
  id: 'Laporan bersifat privasi. Jangan berikan informasi dalam laporan ini kepada siapapun',
  en: 'This report is private. Do not share any information in it with anyone',
};

export const PRIVATE_REPORT_NOTICE: Text = {
  id: 'Laporan ini bersifat privasi: isinya hanya dapat dilihat pelapor, dengan token warga di perangkatnya',
  en: 'This report is private: only its reporter can see its contents, with the citizen token on their device',
};

/** All the public learns of a private report it looks up by ticket number: that it exists, and its status. */
export function privateReportStub(s: ReportState) {
  return { ticket: s.ticket, private: true, status: statusView(s.status), notice: PRIVATE_REPORT_NOTICE };
}

export function unitRef(ctx: AppContext, id: string | null) {
  if (!id) return null;
  const unit = ctx.city.city.units.get(id);
  return { id, name: unit?.name ?? id };
}

export function kelurahanRef(ctx: AppContext, code: string | null) {
  if (!code) return null;
  return { code, name: ctx.city.city.regions.get(code)?.name ?? code };
}

export function slaView(ctx: AppContext, s: ReportState, now: Date) {
  const common = { clock: s.slaClock, thresholds: ctx.city.thresholds };
  return {
    responseDueAt: s.responseDueAt,
    completionDueAt: s.completionDueAt,
    responseFlag: slaFlag(
      { ...common, now, startedAt: s.createdAt, dueAt: s.responseDueAt, doneAt: s.respondedAt },
      ctx.city.calendar,
    ),
    completionFlag: slaFlag(
      { ...common, now, startedAt: s.createdAt, dueAt: s.completionDueAt, doneAt: s.resolvedAt },
      ctx.city.calendar,
    ),
  };
}

export function statusView(status: Status) {
  return { code: status, label: STATUS_LABELS[status] };
}

export function categoryView(ctx: AppContext, code: string) {
  const c = ctx.city.city.categories.get(code);
  return { code, label: { id: c?.nameId ?? code, en: c?.nameEn ?? code } };
}

function attachmentView(a: AttachmentRow) {
  return {
    id: a.id,
    kind: a.kind,
    role: a.role,
    url: `/media/${a.id}/public`,
    thumbnailUrl: `/media/${a.id}/thumbnail`,
    width: a.width,
    height: a.height,
    durationSeconds: a.duration_seconds,
  };
}

/** Which attachments an audience may see: officers never see a private report's own photos (JAKI rule, 2021). */
export function visibleAttachments(
  audience: Audience,
  s: ReportState,
  rows: AttachmentRow[],
): AttachmentRow[] {
  if (audience === 'citizen') return rows;
  if (audience === 'officer') return s.isPrivate ? rows.filter((a) => a.role === 'evidence') : rows;
  return s.isPrivate ? [] : rows;
}

/** What every history entry says, whoever reads it; the caller decides whether and how the note is shown. */
export function historyEntry(ctx: AppContext, { seq, toStatus, event }: StoredEvent, note: string | null) {
  return {
    seq,
    type: event.type,
    label: EVENT_LABELS[event.type],
    status: statusView(toStatus as Status),
    at: event.at,
    actor: event.actor.kind,
    unit: unitRef(ctx, event.actor.unitId),
    targetUnit: unitRef(ctx, 'targetUnitId' in event ? event.targetUnitId : null),
    note,
  };
}

/** Why the report went where it went: the routing rule and, when the model chose the category, its confidence. */
function routingView(event: CreatedEvent) {
  return { rule: event.routing.rule, mode: event.routing.mode, classification: event.classification ?? null };
}

function historyView(
  ctx: AppContext,
  audience: Audience,
  s: ReportState,
  events: StoredEvent[],
  redact: (t: string) => string,
  terms: string[],
) {
  return events.map((stored) => {
    const { event } = stored;
    const showNote = audience === 'citizen' || (audience === 'officer' ? true : !s.isPrivate);
    // Staff notes may rightly carry an office's or officer's number; only the reporter's own details are masked.
    const byStaff = event.actor.kind !== 'citizen';
    const note =
      !showNote || !event.note
        ? null
        : audience === 'citizen'
          ? event.note
          : byStaff
            ? redactTerms(event.note, terms)
            : redact(event.note);
    return {
      ...historyEntry(ctx, stored, note),
      ...(event.type === 'rated' ? { rating: event.rating } : {}),
      ...(event.type === 'ews_set' ? { until: event.until } : {}),
      ...(audience === 'officer' && event.type === 'created' ? { routing: routingView(event) } : {}),
      ...(audience === 'officer' && event.type === 'recategorised'
        ? { fromCategory: event.fromCategory, toCategory: event.toCategory, routing: { rule: event.rule } }
        : {}),
      ...(audience === 'officer' && event.type === 'edited' && event.placement
        ? { routing: { rule: event.placement.rule } }
        : {}),
      ...(event.type === 'merged' ? { intoTicket: event.intoTicket } : {}),
      ...(event.type === 'merge_received' ? { fromTicket: event.fromTicket } : {}),
      ...(event.type === 'created' && event.similar && audience === 'officer'
        ? { similar: event.similar.map(({ reportId: _id, ...ref }) => ref) }
        : {}),
    };
  });
}

export interface ViewInput {
  state: ReportState;
  events: StoredEvent[];
  attachments: AttachmentRow[];
  /** Terms to mask: the reporter's own name, phone, e-mail and NIK, read from the vault inside the server. */
  redactTerms: string[];
  actor: Actor | null;
  /** Staff only: integrity flags on follow-up evidence. Citizens and the public never receive them. */
  evidenceFlags?: EvidenceFlagRow[];
}

export function reportView(ctx: AppContext, audience: Audience, input: ViewInput) {
  const { state: s } = input;
  const now = ctx.now();
  const redact = (t: string) => redactText(t, { extraTerms: input.redactTerms });
  const kelurahan = kelurahanRef(ctx, s.kelurahanCode);
  const base = {
    ticket: s.ticket,
    status: statusView(s.status),
    category: categoryView(ctx, s.categoryCode),
    kelurahan,
    unit: unitRef(ctx, s.assignedUnitId),
    channel: s.channel,
    private: s.isPrivate,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    resolvedAt: s.resolvedAt,
    ewsUntil: s.ewsUntil,
    rating: s.rating,
    reopenCount: s.reopenCount,
    attachments: visibleAttachments(audience, s, input.attachments).map(attachmentView),
    history: historyView(ctx, audience, s, input.events, redact, input.redactTerms),
  };
  if (audience === 'public') {
    const point = s.kelurahanCode ? ctx.city.locator.centroidOf(s.kelurahanCode) : null;
    return { ...base, text: s.isPrivate ? null : redact(s.text), location: point };
  }
  const full = {
    ...base,
    text: audience === 'citizen' ? s.text : redact(s.text),
    address: audience === 'citizen' ? s.address : s.address && redact(s.address),
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    anonymous: s.isAnonymous,
    visibility: s.visibility,
    visibilityReason: s.visibilityReason,
    suggestedUnit: unitRef(ctx, s.suggestedUnitId),
    escalatedUnit: unitRef(ctx, s.escalatedUnitId),
    escalationLevel: s.escalationLevel,
    sla: slaView(ctx, s, now),
    ratingComment: audience === 'citizen' || !s.ratingComment ? s.ratingComment : redact(s.ratingComment),
    allowedActions: input.actor ? apiActionNames(allowedCommands(s, input.actor)) : [],
  };
  if (audience === 'citizen') return full;
  return {
    ...full,
    reporter: { pseudonym: reporterPseudonym(ctx.vault.pseudonymSecret, s.id), anonymous: s.isAnonymous },
    privacyNotice: s.isPrivate ? PRIVACY_LABEL : null,
    evidenceFlags: (input.evidenceFlags ?? []).map((f) =>
      evidenceFlagView(f, ctx.city.city.config.utcOffsetMinutes),
    ),
  };
}
