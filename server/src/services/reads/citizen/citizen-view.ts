import { allowedCommands } from '../../../domain/decide.js';
import type { ReportState } from '../../../domain/report-state.js';
import type { Text } from '../../../domain/text.js';
import { listAttachments } from '../../../store/attachment-repository.js';
import { decodeCursor } from '../../../store/keyset.js';
import { findReportWithPublicText } from '../../../store/public-text-repository.js';
import { queryCitizenReports } from '../../../store/report-queries.js';
import { listEvents } from '../../../store/report-repository.js';
import type { ReportHistoryAndMedia } from '../../../store/report-view-query.js';
import { rowToState } from '../../../store/report-rows.js';
import { approvedRevealsOf } from '../../../store/reveal-request-repository.js';
import type { AppContext } from '../../app/app-context.js';
import { apiActionNames } from '../../handling/action-names.js';
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
import { mergedProgressNote, publicText, redactorFor, visibleAttachments } from '../redaction.js';
import type { CitizenMergedIntoT, CitizenReportViewT, MyReportsPageT } from './citizen-schema.js';

export function mergedMessage(ticket: string): Text {
  return {
    id: `Laporan Anda digabung dengan laporan ${ticket} yang menangani masalah yang sama; ikuti perkembangannya di sana.`,
    en: `Your report was merged with report ${ticket}, which handles the same problem; follow its progress there.`,
  };
}

/**
 * The report this one was merged into, for this one's citizen: its progress (status, place, unit, public text,
 * officers' notes redacted); never the other reporter, their notes or photos.
 */
async function mergedIntoProgress(ctx: AppContext, s: ReportState): Promise<CitizenMergedIntoT | null> {
  const found = s.mergedIntoId ? await findReportWithPublicText(ctx.store.db, { id: s.mergedIntoId }) : null;
  if (!found) return null;
  const into = found.state;
  const [events, redactor] = await Promise.all([listEvents(ctx.store.db, into.id), redactorFor(ctx, into)]);
  return {
    ...linkTo(into),
    message: mergedMessage(into.ticket),
    progress: {
      category: categoryView(ctx, into.categoryCode),
      kelurahan: kelurahanRef(ctx, into.kelurahanCode),
      unit: unitRef(ctx, into.assignedUnitId),
      text: publicText(into, found.publicText),
      createdAt: iso(into.createdAt),
      updatedAt: iso(into.updatedAt),
      resolvedAt: isoOrNull(into.resolvedAt),
      history: events.map((stored) => ({
        ...historyEntry(ctx, stored),
        note: mergedProgressNote(redactor, stored.event),
      })),
    },
  };
}

/** The reporter's own report: everything they gave, unredacted, and what they may do with it now. */
export async function citizenReportView(
  ctx: AppContext,
  s: ReportState,
  citizenId: string,
  read?: ReportHistoryAndMedia,
): Promise<CitizenReportViewT> {
  const [events, attachments, mergedInto, reveals] = await Promise.all([
    read?.events ?? listEvents(ctx.store.db, s.id),
    read?.attachments ?? listAttachments(ctx.store.db, s.id),
    mergedIntoProgress(ctx, s),
    read?.reveals ?? (s.identityId ? approvedRevealsOf(ctx.store.db, s.id) : []),
  ]);
  return {
    audience: 'citizen',
    ticket: s.ticket,
    status: statusView(s.status),
    category: categoryView(ctx, s.categoryCode),
    kelurahan: kelurahanRef(ctx, s.kelurahanCode),
    unit: unitRef(ctx, s.assignedUnitId),
    channel: s.channel,
    private: s.isPrivate,
    text: s.text,
    address: s.address,
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    anonymous: s.isAnonymous,
    visibility: s.visibility,
    visibilityReason: s.visibilityReason,
    suggestedUnit: unitRef(ctx, s.suggestedUnitId),
    escalatedUnit: unitRef(ctx, s.escalatedUnitId),
    escalationLevel: s.escalationLevel,
    sla: slaView(ctx, s, ctx.now()),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    resolvedAt: isoOrNull(s.resolvedAt),
    ewsUntil: isoOrNull(s.ewsUntil),
    rating: s.rating,
    ratingComment: s.ratingComment,
    reopenCount: s.reopenCount,
    attachments: visibleAttachments('citizen', s, attachments).map(attachmentView),
    history: events.map((stored) => ({
      ...historyEntry(ctx, stored),
      note: stored.event.note ?? null,
      ...historyExtras(stored),
    })),
    allowedActions: apiActionNames(allowedCommands(s, { kind: 'citizen', id: citizenId, unitId: null })),
    identityReveals: reveals.map((r) => ({
      approvedAt: iso(new Date(r.decided_at!)),
      seenAt: isoOrNull(r.first_viewed_at ? new Date(r.first_viewed_at) : null),
      office: unitRef(ctx, r.requester_unit_id)!,
      reason: r.reason,
    })),
    ...(mergedInto ? { mergedInto } : {}),
  };
}

/** A citizen's own reports, newest first, a page at a time (their own text: it is theirs). */
export async function listCitizenReports(
  ctx: AppContext,
  citizenId: string,
  page: { cursor?: string; limit?: number },
): Promise<MyReportsPageT> {
  const rows = await queryCitizenReports(
    ctx.store.db,
    citizenId,
    page.cursor ? decodeCursor(page.cursor) : undefined,
    page.limit ?? 20,
  );
  return {
    items: rows.items.map((row) => {
      const s = rowToState(row);
      return {
        ticket: s.ticket,
        status: s.status,
        category: s.categoryCode,
        text: s.text,
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
      };
    }),
    nextCursor: rows.nextCursor,
  };
}
