import type { Actor } from '../../domain/report-events.js';
import { findReportWithPublicText, type ReportWithPublicText } from '../../store/public-text-repository.js';
import { listEvents } from '../../store/report-repository.js';
import { findReportForView } from '../../store/report-view-query.js';
import type { AppContext } from '../app/app-context.js';
import { REPORT_NOT_FOUND } from '../handling/actions.js';
import { canStaffSeeReport } from '../identity/policies.js';
import { requireLiveCitizenToken } from '../identity/citizen-tokens.js';
import { hashToken } from '../../security/tokens.js';
import type { CitizenReportViewT } from './citizen/citizen-schema.js';
import { citizenReportView } from './citizen/citizen-view.js';
import type { PrivateReportStubT, PublicReportViewT } from './public/public-schema.js';
import { privateReportStub, publicReportView } from './public/public-view.js';
import type { OutOfSightT, StaffReportViewT } from './staff/staff-schema.js';
import { staffReportView } from './staff/staff-view.js';

/** Which view a reader gets is decided here; what each view shows, in the audience's own module. */

async function find(ctx: AppContext, ticket: string): Promise<ReportWithPublicText> {
  const found = await findReportWithPublicText(ctx.store.db, { ticket });
  if (!found) throw REPORT_NOT_FOUND;
  return found;
}

/** The full view for the reporter (with their token), or the public view: 404 when the public may not see it. */
export async function readForCitizenOrPublic(
  ctx: AppContext,
  ticket: string,
  token: string | null,
): Promise<CitizenReportViewT | PublicReportViewT | PrivateReportStubT> {
  // the report with its history, its attachments and what the reader's token is, in one statement
  const found = await findReportForView(ctx.store.db, ticket, {
    withReveals: token !== null,
    tokenHash: token === null ? undefined : hashToken(token),
  });
  // a token that opens nothing is refused whether or not the ticket exists (read apart when it does not)
  const citizenId = token === null ? null : await requireLiveCitizenToken(ctx, token, found?.token);
  if (!found) throw REPORT_NOT_FOUND;
  const { state: s, publicText } = found;
  if (citizenId && citizenId === s.citizenId) return citizenReportView(ctx, s, citizenId, found);
  if (s.visibility !== 'visible') throw REPORT_NOT_FOUND;
  // Ticket numbers are sequential, so anyone can try them: of a private report the public learns only that it
  // exists and its status.
  if (s.isPrivate) return privateReportStub(s);
  return publicReportView(ctx, s, publicText, found);
}

/** The reporter's own view (after their own action): 404 for anyone else. */
export async function readForCitizen(
  ctx: AppContext,
  ticket: string,
  citizenId: string,
): Promise<CitizenReportViewT> {
  const { state: s } = await find(ctx, ticket);
  if (s.citizenId !== citizenId) throw REPORT_NOT_FOUND;
  return citizenReportView(ctx, s, citizenId);
}

export async function readForStaff(ctx: AppContext, ticket: string, actor: Actor): Promise<StaffReportViewT> {
  const { state: s } = await find(ctx, ticket);
  const events = await listEvents(ctx.store.db, s.id);
  if (!canStaffSeeReport(ctx, actor, s, events)) throw REPORT_NOT_FOUND;
  return staffReportView(ctx, s, events, actor);
}

const OUT_OF_SIGHT = {
  id: 'Tindakan tercatat; laporan kini ditangani unit lain dan tidak lagi dapat dibuka dari unit Anda',
  en: 'Done; the report is now with another unit and can no longer be opened from yours',
};

/** The staff view after an action, or, when the action took the report out of the actor's sight, a notice. */
export async function readForStaffAfterAction(
  ctx: AppContext,
  ticket: string,
  actor: Actor,
): Promise<StaffReportViewT | OutOfSightT> {
  try {
    return await readForStaff(ctx, ticket, actor);
  } catch (error) {
    if (error !== REPORT_NOT_FOUND) throw error;
    return { ticket, outOfSight: true, notice: OUT_OF_SIGHT };
  }
}
