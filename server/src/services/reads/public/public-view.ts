import type { ReportState } from '../../../domain/report-state.js';
import type { Status } from '../../../domain/statuses.js';
import type { Text } from '../../../domain/text.js';
import { listAttachments } from '../../../store/attachment-repository.js';
import { findReportWithPublicText } from '../../../store/public-text-repository.js';
import { listEvents } from '../../../store/report-repository.js';
import type { FeedRow } from '../../../store/report-queries.js';
import type { ReportHistoryAndMedia } from '../../../store/report-view-query.js';
import type { AppContext } from '../../app/app-context.js';
import { iso, isoOrNull } from '../read-schemas.js';
import {
  attachmentView,
  categoryView,
  historyEntry,
  historyExtras,
  kelurahanRef,
  statusView,
  unitRef,
} from '../read-parts.js';
import { publicNote, publicText, visibleAttachments } from '../redaction.js';
import type {
  MergedIntoLinkT,
  PrivateReportStubT,
  PublicFeedItemT,
  PublicReportViewT,
} from './public-schema.js';

export const PRIVATE_REPORT_NOTICE: Text = {
  id: 'Laporan ini bersifat privasi: isinya hanya dapat dilihat pelapor, dengan token warga di perangkatnya',
  en: 'This report is private: only its reporter can see its contents, with the citizen token on their device',
};

/** All the public learns of a private report it looks up by ticket number: that it exists, and its status. */
export function privateReportStub(s: ReportState): PrivateReportStubT {
  return {
    ticket: s.ticket,
    private: true,
    status: statusView(s.status),
    notice: PRIVATE_REPORT_NOTICE,
  };
}

/** The kelurahan's interior point: the public never learns where exactly a report was made. */
const publicLocation = (ctx: AppContext, kelurahanCode: string | null) =>
  kelurahanCode ? ctx.city.locator.centroidOf(kelurahanCode) : null;

/** The link to the report a duplicate was merged into: its ticket and status. */
export const linkTo = (into: ReportState): MergedIntoLinkT => ({
  ticket: into.ticket,
  status: into.status,
  statusLabel: statusView(into.status).label,
});

/**
 * A public, visible report as anyone may read it: the stored public text, the kelurahan's point, no reporter,
 * notes as they were masked when written (redaction.ts); never opens the vault. The caller has checked that the report is public and visible.
 */
export async function publicReportView(
  ctx: AppContext,
  s: ReportState,
  storedPublicText: string | null,
  read?: ReportHistoryAndMedia,
): Promise<PublicReportViewT> {
  const [events, attachments, into] = await Promise.all([
    read?.events ?? listEvents(ctx.store.db, s.id),
    read?.attachments ?? listAttachments(ctx.store.db, s.id),
    s.mergedIntoId ? findReportWithPublicText(ctx.store.db, { id: s.mergedIntoId }) : Promise.resolve(null),
  ]);
  const intoIsPublic = into && !into.state.isPrivate && into.state.visibility === 'visible';
  return {
    audience: 'public',
    ticket: s.ticket,
    status: statusView(s.status),
    category: categoryView(ctx, s.categoryCode),
    kelurahan: kelurahanRef(ctx, s.kelurahanCode),
    unit: unitRef(ctx, s.assignedUnitId),
    channel: s.channel,
    private: false,
    text: publicText(s, storedPublicText),
    location: publicLocation(ctx, s.kelurahanCode),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    resolvedAt: isoOrNull(s.resolvedAt),
    ewsUntil: isoOrNull(s.ewsUntil),
    rating: s.rating,
    reopenCount: s.reopenCount,
    attachments: visibleAttachments('public', s, attachments).map(attachmentView),
    history: events.map((stored) => ({
      ...historyEntry(ctx, stored),
      note: publicNote(s, stored),
      ...historyExtras(stored),
    })),
    ...(intoIsPublic ? { mergedInto: linkTo(into.state) } : {}),
  };
}

/** One JakRespons row: the stored public text, kelurahan-level location, no reporter, no exact coordinates. */
export function publicFeedItem(ctx: AppContext, row: FeedRow): PublicFeedItemT {
  return {
    ticket: row.ticket,
    status: statusView(row.status as Status),
    category: row.category_code,
    text: publicText({ isPrivate: row.is_private }, row.public_text),
    kelurahan: kelurahanRef(ctx, row.kelurahan_code),
    location: publicLocation(ctx, row.kelurahan_code),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
