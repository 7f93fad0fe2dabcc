import { identityTerms, redactText } from '../../domain/redact.js';
import type { ReportState } from '../../domain/report-state.js';
import type { ReporterIdentity } from '../../security/vault.js';
import { reportsWithoutPublicText, setPublicText } from '../../store/public-text-repository.js';
import type { AppContext } from '../app/app-context.js';
import { redactionTermsFor } from '../reads/redaction-terms.js';

const BATCH = 200;

/** The text the public may read: the reporter's own details (`terms`) and any phone number, e-mail or NIK masked. */
const publicTextWith = (text: string, terms: string[] | undefined) =>
  redactText(text, { extraTerms: terms ?? [] });

/** The public text of a new report, from the identity in hand. */
export function publicTextOf(text: string, reporter: ReporterIdentity | null): string {
  return publicTextWith(text, reporter ? identityTerms(reporter) : []);
}

/** The public text of a stored report, from its reporter's sealed identity (at write time, never at read time). */
export async function publicTextFor(ctx: AppContext, s: ReportState): Promise<string> {
  return publicTextWith(s.text, (await redactionTermsFor(ctx, [s])).get(s.id));
}

/**
 * Writes the public text of reports stored before it existed (0009-public-text). Runs at start; a report
 * without one shows the public no text meanwhile. Returns how many were written.
 */
export async function backfillPublicText(ctx: AppContext): Promise<number> {
  let written = 0;
  for (;;) {
    const batch = await reportsWithoutPublicText(ctx.store.db, BATCH);
    if (batch.length === 0) return written;
    const terms = await redactionTermsFor(ctx, batch);
    for (const s of batch) await setPublicText(ctx.store.db, s.id, publicTextWith(s.text, terms.get(s.id)));
    written += batch.length;
  }
}
