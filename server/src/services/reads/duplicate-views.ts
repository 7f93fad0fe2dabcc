import { redactText } from '../../domain/redact.js';
import type { ReportState } from '../../domain/report-state.js';
import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import type { Text } from '../../domain/text.js';
import { findReportById, listEvents } from '../../store/report-repository.js';
import { listSimilarLinks } from '../../store/similar-queries.js';
import type { AppContext } from '../app/app-context.js';
import { redactionTermsFor } from './redaction-terms.js';
import { type Audience, categoryView, historyEntry, kelurahanRef, statusView, unitRef } from './views.js';

export function mergedMessage(ticket: string): Text {
  return {
    id: `Laporan Anda digabung dengan laporan ${ticket} yang menangani masalah yang sama; ikuti perkembangannya di sana.`,
    en: `Your report was merged with report ${ticket}, which handles the same problem; follow its progress there.`,
  };
}

/**
 * "Laporan serupa" for staff: ticket, status, category, place and why they are alike. Never the other report's
 * text, reporter or photos: an officer who may open that report reads it there, under its own privacy rules.
 */
async function similarView(ctx: AppContext, s: ReportState) {
  const rows = await listSimilarLinks(ctx.store.db, s.id);
  return rows.map((r) => ({
    ticket: r.ticket,
    status: statusView(r.status as Status),
    category: categoryView(ctx, r.category_code),
    kelurahan: kelurahanRef(ctx, r.kelurahan_code),
    reason: r.reason,
    distanceMeters: r.distance_meters === null ? null : Math.round(r.distance_meters),
    textScore: r.text_score,
    createdAt: r.created_at,
    linkedAt: r.linked_at,
  }));
}

/**
 * The report this one was merged into. Its own citizen also gets the other report's progress: status, place,
 * unit and the officers' history with notes redacted; never the other reporter, their notes, private text or
 * photos. The public sees the link only when the other report is itself public.
 */
async function mergedIntoView(ctx: AppContext, audience: Audience, s: ReportState) {
  const into = s.mergedIntoId ? await findReportById(ctx.store.db, s.mergedIntoId) : null;
  if (!into) return null;
  if (audience === 'public' && (into.isPrivate || into.visibility !== 'visible')) return null;
  const link = { ticket: into.ticket, status: into.status, statusLabel: STATUS_LABELS[into.status] };
  if (audience !== 'citizen') return link;
  const [events, terms] = await Promise.all([
    listEvents(ctx.store.db, into.id),
    redactionTermsFor(ctx, [into]),
  ]);
  const redact = (t: string) => redactText(t, { extraTerms: terms.get(into.id) ?? [] });
  return {
    ...link,
    message: mergedMessage(into.ticket),
    progress: {
      category: categoryView(ctx, into.categoryCode),
      kelurahan: kelurahanRef(ctx, into.kelurahanCode),
      unit: unitRef(ctx, into.assignedUnitId),
      text: into.isPrivate ? null : redact(into.text),
      createdAt: into.createdAt,
      updatedAt: into.updatedAt,
      resolvedAt: into.resolvedAt,
      history: events.map((stored) =>
        historyEntry(
          ctx,
          stored,
          stored.event.actor.kind === 'citizen' || !stored.event.note ? null : redact(stored.event.note),
        ),
      ),
    },
  };
}

/** What a view adds about duplicates: similar reports (staff only) and the report this one was merged into. */
export async function duplicateFields(ctx: AppContext, audience: Audience, s: ReportState) {
  const [similar, mergedInto] = await Promise.all([
    audience === 'officer' ? similarView(ctx, s) : Promise.resolve(null),
    mergedIntoView(ctx, audience, s),
  ]);
  return { ...(similar ? { similar } : {}), ...(mergedInto ? { mergedInto } : {}) };
}
