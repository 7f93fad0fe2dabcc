import { accusedOffices } from '../city/conduct.js';
import type { ReportState } from '../domain/report-state.js';
import { hashToken } from '../security/tokens.js';
import type { AttachmentRow } from '../store/attachment-repository.js';
import { findCitizenByTokenHash, findSessionUser } from '../store/people-repository.js';
import { listEvents } from '../store/report-repository.js';
import type { AppContext } from './app-context.js';
import { actorOf, canStaffSeeReport } from './policies.js';
import { visibleAttachments } from './views.js';

/** The same rules as the report views: owner sees all; officers not a private report's photos; public only public. */
export async function canSeeAttachment(
  ctx: AppContext,
  report: ReportState,
  attachment: AttachmentRow,
  tokens: { citizenToken: string | null; staffToken: string | null },
): Promise<boolean> {
  const isIn = (audience: 'citizen' | 'officer' | 'public') =>
    visibleAttachments(audience, report, [attachment]).length === 1;
  if (tokens.citizenToken) {
    const citizenId = await findCitizenByTokenHash(ctx.store.db, hashToken(tokens.citizenToken));
    if (citizenId && citizenId === report.citizenId) return true;
  }
  if (tokens.staffToken) {
    const user = await findSessionUser(ctx.store.db, hashToken(tokens.staffToken), ctx.now());
    if (
      user &&
      isIn('officer') &&
      canStaffSeeReport(
        actorOf(user),
        report,
        await listEvents(ctx.store.db, report.id),
        accusedOffices(ctx.city.city, report.categoryCode, report.kelurahanCode),
      )
    )
      return true;
  }
  return report.visibility === 'visible' && isIn('public');
}
