import { identityTerms, redactText } from '../../domain/redact.js';
import type { ReportEvent } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import type { ReporterIdentity } from '../../security/vault.js';
import {
  notesWithoutPublicForm,
  reportsWithoutPublicText,
  setPublicNote,
  setPublicText,
} from '../../store/public-text-repository.js';
import { reviveEvent } from '../../store/report-rows.js';
import type { AppContext } from '../app/app-context.js';
import { noteAsStaffRead } from '../reads/redaction.js';
import { redactionTermsFor } from '../reads/redaction-terms.js';

const BATCH = 200;

/** The text the public may read: the reporter's own details (`terms`) and any phone number, e-mail or NIK masked. */
export const publicTextWith = (text: string, terms: string[] | undefined) =>
  redactText(text, { extraTerms: terms ?? [] });

/** The public text of a new report, from the identity in hand. */
export function publicTextOf(text: string, reporter: ReporterIdentity | null): string {
  return publicTextWith(text, reporter ? identityTerms(reporter) : []);
}

/** The public text of a stored report, from its reporter's sealed identity (at write time, never at read time). */
export async function publicTextFor(ctx: AppContext, s: ReportState): Promise<string> {
  return publicTextWith(s.text, (await redactionTermsFor(ctx, [s])).get(s.id));
}

/** The note of an event as the public may read it, masked now, while the vault is at hand; null without one. */
export async function publicNoteFor(
  ctx: AppContext,
  s: ReportState,
  event: ReportEvent,
): Promise<string | null> {
  if (!event.note) return null;
  return noteAsStaffRead(event, (await redactionTermsFor(ctx, [s])).get(s.id) ?? []);
}

/** Writes the public form of notes written before it existed (0013-public-notes); returns how many. */
async function backfillPublicNotes(ctx: AppContext): Promise<number> {
  let written = 0;
  for (;;) {
    const batch = await notesWithoutPublicForm(ctx.store.db, BATCH);
    if (batch.length === 0) return written;
    const terms = await redactionTermsFor(
      ctx,
      batch.map((b) => b.report),
    );
    for (const { report, seq, body } of batch)
      await setPublicNote(
        ctx.store.db,
        report.id,
        seq,
        noteAsStaffRead(reviveEvent(body), terms.get(report.id) ?? []) ?? '',
      );
    written += batch.length;
  }
}

/**
 * Writes the public text of reports, and the public form of notes, stored before they existed (0009-public-text,
 * 0013-public-notes). Runs at start; meanwhile the public sees no text or note for them. Returns how many
 * reports and notes were written.
 */
export async function backfillPublicText(ctx: AppContext): Promise<number> {
  let written = await backfillPublicNotes(ctx);
  for (;;) {
    const batch = await reportsWithoutPublicText(ctx.store.db, BATCH);
    if (batch.length === 0) return written;
    const terms = await redactionTermsFor(ctx, batch);
    for (const s of batch) await setPublicText(ctx.store.db, s.id, publicTextWith(s.text, terms.get(s.id)));
    written += batch.length;
  }
}
