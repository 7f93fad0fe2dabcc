import { redactTerms, redactText } from '../../domain/redact.js';
import type { ReportEvent } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import type { AttachmentRow } from '../../store/attachment-repository.js';
import type { AppContext } from '../app/app-context.js';
import { redactionTermsFor } from './redaction-terms.js';

/**
 * What of a report's words each audience may read: the one home of these rules.
 *
 * - The reporter reads their own report unchanged.
 * - The public reads the public text and the history's notes as they were masked once, when written
 *   (report.public_text, report_event.public_note; notes masked like staff read them): no public read opens the
 *   vault.
 * - Staff read the report's words with the reporter's own details and any phone, e-mail or NIK masked (the
 *   same rule as the public text, so a queue excerpt is cut from it); staff notes may rightly carry an office's
 *   number, so only the reporter's own details are masked in them.
 * - The citizen of a merged duplicate reads the other report's public text and its officers' notes, masked
 *   like the text (another reporter's case: no phone numbers either); never that reporter's own notes.
 * - Photos: see visibleAttachments.
 */
export interface Redactor {
  /** The report text, its address or a rating comment, as staff may read them. */
  words(text: string): string;
  /** A history note as staff may read it. */
  note(event: ReportEvent): string | null;
}

/** A history note as staff may read it: a citizen's masked like report text; staff's only of the reporter. */
export function noteAsStaffRead(event: ReportEvent, terms: string[]): string | null {
  if (!event.note) return null;
  return event.actor.kind === 'citizen'
    ? redactText(event.note, { extraTerms: terms })
    : redactTerms(event.note, terms);
}

export function redactorWith(terms: string[]): Redactor {
  return {
    words: (text) => redactText(text, { extraTerms: terms }),
    note: (event) => noteAsStaffRead(event, terms),
  };
}

/** Redactors for a batch of reports: the vault is opened once, inside the server, for the whole batch. */
export async function redactorsFor(ctx: AppContext, states: ReportState[]): Promise<Map<string, Redactor>> {
  const terms = await redactionTermsFor(ctx, states);
  return new Map(states.map((s) => [s.id, redactorWith(terms.get(s.id) ?? [])]));
}

export async function redactorFor(ctx: AppContext, s: ReportState): Promise<Redactor> {
  return redactorWith((await redactionTermsFor(ctx, [s])).get(s.id) ?? []);
}

/**
 * The report text as staff read it, from the stored public text (the same rule); a report whose public text is
 * not written yet (before the start-up backfill reached it) is masked from the vault instead.
 */
export async function staffTexts(
  ctx: AppContext,
  reports: { state: ReportState; publicText: string | null }[],
): Promise<Map<string, string>> {
  const missing = reports.filter((r) => r.publicText === null).map((r) => r.state);
  const redactors = missing.length ? await redactorsFor(ctx, missing) : new Map<string, Redactor>();
  return new Map(
    reports.map(({ state, publicText }) => [
      state.id,
      publicText ?? redactors.get(state.id)?.words(state.text) ?? '',
    ]),
  );
}

/**
 * A history note as the public reads it: the form masked when the event was written (like staff read it), never
 * made at read time; nothing of a private report.
 */
export function publicNote(s: ReportState, stored: { publicNote: string | null }): string | null {
  return s.isPrivate ? null : stored.publicNote;
}

/** What the public reads of a report's text: only the stored public text, and nothing of a private report. */
export function publicText(s: Pick<ReportState, 'isPrivate'>, stored: string | null): string | null {
  return s.isPrivate ? null : stored;
}

/** The citizen of a merged duplicate: the other report's officers' notes, masked; its reporter's notes never. */
export function mergedProgressNote(redactor: Redactor, event: ReportEvent): string | null {
  return event.actor.kind === 'citizen' || !event.note ? null : redactor.words(event.note);
}

export type Audience = 'citizen' | 'staff' | 'public';

/** Which photos an audience may see: staff never see a private report's own photos (JAKI rule, 2021). */
export function visibleAttachments<A extends Pick<AttachmentRow, 'role'>>(
  audience: Audience,
  s: ReportState,
  rows: A[],
): A[] {
  if (audience === 'citizen') return rows;
  if (audience === 'staff') return s.isPrivate ? rows.filter((a) => a.role === 'evidence') : rows;
  return s.isPrivate ? [] : rows;
}
