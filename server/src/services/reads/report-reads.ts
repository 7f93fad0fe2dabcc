import { accusedOffices } from '../../city/conduct.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { hashToken } from '../../security/tokens.js';
import { listAttachments } from '../../store/attachment-repository.js';
import { listEvidenceFlags } from '../../store/evidence-flag-repository.js';
import { findCitizenByTokenHash } from '../../store/people-repository.js';
import { decodeCursor } from '../../store/keyset.js';
import { queryCitizenReports } from '../../store/report-queries.js';
import { rowToState } from '../../store/report-rows.js';
import { redactionTermsFor } from './redaction-terms.js';
import { listEvents, type StoredEvent } from '../../store/report-repository.js';
import { loadReport, REPORT_NOT_FOUND } from '../handling/actions.js';
import type { AppContext } from '../app/app-context.js';
import { duplicateFields } from './duplicate-views.js';
import { canStaffSeeReport } from '../identity/policies.js';
import { type Audience, privateReportStub, reportView } from './views.js';

async function build(
  ctx: AppContext,
  audience: Audience,
  s: ReportState,
  actor: Actor | null,
  knownEvents?: StoredEvent[],
) {
  const [events, attachments, redactTerms, evidenceFlags] = await Promise.all([
    knownEvents ?? listEvents(ctx.store.db, s.id),
    listAttachments(ctx.store.db, s.id),
    audience === 'citizen' ? Promise.resolve(new Map<string, string[]>()) : redactionTermsFor(ctx, [s]),
    audience === 'officer' ? listEvidenceFlags(ctx.store.db, s.id) : Promise.resolve([]),
  ]);
  const view = reportView(ctx, audience, {
    state: s,
    events,
    attachments,
    redactTerms: redactTerms.get(s.id) ?? [],
    actor,
    evidenceFlags,
  });
  return { ...view, ...(await duplicateFields(ctx, audience, s)) };
}

export async function citizenFromToken(ctx: AppContext, token: string | null): Promise<string | null> {
  return token ? findCitizenByTokenHash(ctx.store.db, hashToken(token)) : null;
}

/** The full view for the reporter (with their token), or the public view: 404 when the public may not see it. */
export async function readForCitizenOrPublic(ctx: AppContext, ticket: string, token: string | null) {
  const s = await loadReport(ctx, ticket);
  const citizenId = await citizenFromToken(ctx, token);
  if (token && !citizenId)
    throw new DomainError(401, 'unknown_citizen', {
      id: 'Token warga tidak dikenal',
      en: 'Unknown citizen token',
    });
  if (citizenId && citizenId === s.citizenId)
    return build(ctx, 'citizen', s, { kind: 'citizen', id: citizenId, unitId: null });
  if (s.visibility !== 'visible') throw REPORT_NOT_FOUND;
  // Ticket numbers are sequential, so anyone can try them: of a private report the public learns only that it
  // exists and its status.
  if (s.isPrivate) return privateReportStub(s);
  return build(ctx, 'public', s, null);
}

export async function readForStaff(ctx: AppContext, ticket: string, actor: Actor) {
  const s = await loadReport(ctx, ticket);
  const events: StoredEvent[] = await listEvents(ctx.store.db, s.id);
  const accused = accusedOffices(ctx.city.city, s.categoryCode, s.kelurahanCode);
  if (!canStaffSeeReport(actor, s, events, accused)) throw REPORT_NOT_FOUND;
  return build(ctx, 'officer', s, actor, events);
}

const OUT_OF_SIGHT = {
  id: 'Tindakan tercatat; laporan kini ditangani unit lain dan tidak lagi dapat dibuka dari unit Anda',
  en: 'Done; the report is now with another unit and can no longer be opened from yours',
};

/** The staff view after an action, or, when the action took the report out of the actor's sight, a notice. */
export async function readForStaffAfterAction(ctx: AppContext, ticket: string, actor: Actor) {
  try {
    return await readForStaff(ctx, ticket, actor);
  } catch (error) {
    if (error !== REPORT_NOT_FOUND) throw error;
    return { ticket, outOfSight: true, notice: OUT_OF_SIGHT };
  }
}

/** A citizen's own reports, newest first, a page at a time (their own text: it is theirs). */
export async function listCitizenReports(
  ctx: AppContext,
  citizenId: string,
  page: { cursor?: string; limit?: number },
) {
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
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      };
    }),
    nextCursor: rows.nextCursor,
  };
}
