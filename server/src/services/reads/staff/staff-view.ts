import type { NewsSource } from '../../../domain/news-source.js';
import { allowedCommands } from '../../../domain/decide.js';
import { reporterPseudonym } from '../../../domain/pseudonym.js';
import type { Actor } from '../../../domain/report-events.js';
import type { ReportState } from '../../../domain/report-state.js';
import type { Status } from '../../../domain/statuses.js';
import type { Text } from '../../../domain/text.js';
import { listAttachments } from '../../../store/attachment-repository.js';
import { listEvidenceFlags } from '../../../store/evidence-flag-repository.js';
import { findReportById, type StoredEvent } from '../../../store/report-repository.js';
import { listSimilarLinks } from '../../../store/similar-queries.js';
import type { AppContext } from '../../app/app-context.js';
import { apiActionNames } from '../../handling/action-names.js';
import { evidenceFlagView } from '../evidence-flag-view.js';
import { linkTo } from '../public/public-view.js';
import { iso, isoOrNull } from '../read-schemas.js';
import {
  attachmentView,
  categoryView,
  historyEntry,
  historyExtras,
  kelurahanRef,
  slaView,
  statusView,
  unitRef,
} from '../read-parts.js';
import { routeExplanation } from './route-explanation.js';
import { type Redactor, redactorFor, visibleAttachments } from '../redaction.js';
import type { SimilarReportT, StaffHistoryEntryT, StaffReportViewT } from './staff-schema.js';

export const PRIVACY_LABEL: Text = {
  id: 'Laporan bersifat privasi. Jangan berikan informasi dalam laporan ini kepada siapapun',
  en: 'This report is private. Do not share any information in it with anyone',
};

/** Staff see every history entry, notes masked, and why the report went where it went. */
function staffHistoryEntry(ctx: AppContext, stored: StoredEvent, redactor: Redactor): StaffHistoryEntryT {
  const { event } = stored;
  return {
    ...historyEntry(ctx, stored),
    note: redactor.note(event),
    ...historyExtras(stored),
    ...(event.type === 'created'
      ? {
          routing: { ...event.routing, classification: event.classification ?? null },
          ...(event.similar ? { similar: event.similar.map(({ reportId: _id, ...ref }) => ref) } : {}),
        }
      : {}),
    ...(event.type === 'recategorised'
      ? { fromCategory: event.fromCategory, toCategory: event.toCategory, routing: { rule: event.rule } }
      : {}),
    ...(event.type === 'edited' && event.placement
      ? {
          routing: {
            rule: event.placement.rule,
            ...(event.placement.category ? { classification: event.placement.category.classification } : {}),
          },
          ...(event.placement.category ? { toCategory: event.placement.category.code } : {}),
        }
      : {}),
  };
}

/**
 * "Laporan serupa": ticket, status, category, place and why they are alike. Never the other report's text,
 * reporter or photos: an officer who may open that report reads it there, under its own privacy rules.
 */
async function similarReports(ctx: AppContext, s: ReportState): Promise<SimilarReportT[]> {
  const rows = await listSimilarLinks(ctx.store.db, s.id);
  return rows.map((r) => ({
    ticket: r.ticket,
    status: statusView(r.status as Status),
    category: categoryView(ctx, r.category_code),
    kelurahan: kelurahanRef(ctx, r.kelurahan_code),
    reason: r.reason,
    distanceMeters: r.distance_meters === null ? null : Math.round(r.distance_meters),
    textScore: r.text_score,
    createdAt: iso(r.created_at),
    linkedAt: iso(r.linked_at),
  }));
}

/** The news item a media-monitoring report came from, as its created event recorded it. */
function newsSourceOf(events: StoredEvent[]): NewsSource | null {
  const created = events.find((e) => e.event.type === 'created')?.event;
  if (created?.type !== 'created' || !created.newsSource) return null;
  const { url, outlet, publishedOn } = created.newsSource;
  return { url, outlet, publishedOn };
}

/**
 * A report as a staff member reads it: text, address, notes and rating comment with the reporter's details
 * masked (redaction.ts), a per-report pseudonym, no photos of a private report (JAKI rule, 2021). The caller
 * has checked that the actor may see the report.
 */
export async function staffReportView(
  ctx: AppContext,
  s: ReportState,
  events: StoredEvent[],
  actor: Actor,
): Promise<StaffReportViewT> {
  const [attachments, flags, similar, into, redactor] = await Promise.all([
    listAttachments(ctx.store.db, s.id),
    listEvidenceFlags(ctx.store.db, s.id),
    similarReports(ctx, s),
    s.mergedIntoId ? findReportById(ctx.store.db, s.mergedIntoId) : Promise.resolve(null),
    redactorFor(ctx, s),
  ]);
  return {
    audience: 'staff',
    ticket: s.ticket,
    version: s.eventCount,
    status: statusView(s.status),
    category: categoryView(ctx, s.categoryCode),
    kelurahan: kelurahanRef(ctx, s.kelurahanCode),
    unit: unitRef(ctx, s.assignedUnitId),
    channel: s.channel,
    newsSource: newsSourceOf(events),
    private: s.isPrivate,
    privacyNotice: s.isPrivate ? PRIVACY_LABEL : null,
    text: redactor.words(s.text),
    address: s.address && redactor.words(s.address),
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    anonymous: s.isAnonymous,
    reporter: { pseudonym: reporterPseudonym(ctx.vault.pseudonymSecret, s.id), anonymous: s.isAnonymous },
    visibility: s.visibility,
    visibilityReason: s.visibilityReason,
    suggestedUnit: unitRef(ctx, s.suggestedUnitId),
    routeExplanation: routeExplanation(ctx, s, events),
    escalatedUnit: unitRef(ctx, s.escalatedUnitId),
    escalationLevel: s.escalationLevel,
    sla: slaView(ctx, s, ctx.now()),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    resolvedAt: isoOrNull(s.resolvedAt),
    ewsUntil: isoOrNull(s.ewsUntil),
    rating: s.rating,
    ratingComment: s.ratingComment && redactor.words(s.ratingComment),
    reopenCount: s.reopenCount,
    attachments: visibleAttachments('staff', s, attachments).map(attachmentView),
    history: events.map((stored) => staffHistoryEntry(ctx, stored, redactor)),
    allowedActions: apiActionNames(allowedCommands(s, actor)),
    evidenceFlags: flags.map((f) => evidenceFlagView(f, ctx.city.city.config.utcOffsetMinutes)),
    similar,
    ...(into ? { mergedInto: linkTo(into) } : {}),
  };
}
