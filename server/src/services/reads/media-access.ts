import type { ReportState } from '../../domain/report-state.js';
import { type AttachmentRow, findAttachment } from '../../store/attachment-repository.js';
import { findReportById, listEvents } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { actorOf, canStaffSeeReport } from '../identity/policies.js';
import { citizenByToken, staffBySessionToken } from '../identity/sessions.js';
import { type Audience, visibleAttachments } from './redaction.js';

/** The same rules as the report views: owner sees all; officers not a private report's photos; public only public. */
export async function canSeeAttachment(
  ctx: AppContext,
  report: ReportState,
  attachment: AttachmentRow,
  tokens: { citizenToken: string | null; staffToken: string | null },
): Promise<boolean> {
  const isIn = (audience: Audience) => visibleAttachments(audience, report, [attachment]).length === 1;
  if (tokens.citizenToken) {
    const citizenId = await citizenByToken(ctx, tokens.citizenToken);
    if (citizenId && citizenId === report.citizenId) return true;
  }
  if (tokens.staffToken) {
    const user = await staffBySessionToken(ctx, tokens.staffToken);
    if (
      user &&
      isIn('staff') &&
      canStaffSeeReport(ctx, actorOf(user), report, await listEvents(ctx.store.db, report.id))
    )
      return true;
  }
  return report.visibility === 'visible' && isIn('public');
}

export interface MediaFile {
  data: Buffer;
  contentType: string;
}

/** A photo or video variant for whoever may see it; null when it does not exist or they may not (a 404 alike). */
export async function readMedia(
  ctx: AppContext,
  id: string,
  variant: 'public' | 'thumbnail',
  tokens: { citizenToken: string | null; staffToken: string | null },
): Promise<MediaFile | null> {
  const attachment = await findAttachment(ctx.store.db, id);
  const report = attachment ? await findReportById(ctx.store.db, attachment.report_id) : null;
  if (!attachment || !report || !(await canSeeAttachment(ctx, report, attachment, tokens))) return null;
  const data = await ctx.media.read(variant === 'public' ? attachment.public_key : attachment.thumb_key);
  if (!data) return null;
  return {
    data,
    contentType: variant === 'thumbnail' || attachment.kind === 'photo' ? 'image/jpeg' : 'video/mp4',
  };
}
