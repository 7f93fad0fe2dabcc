import { identityTerms, redactText } from '../domain/redact.js';
import type { ReportState } from '../domain/report-state.js';
import type { ReporterIdentity } from '../security/vault.js';
import { reportsWithoutPublicText, setPublicText } from '../store/public-text-repository.js';
import type { AppContext } from './app-context.js';
import { redactionTermsFor } from './redaction-terms.js';

const BATCH = 200;

/** The text the public may read: the reporter's own details and any phone number, e-mail or NIK masked. */
export function publicTextOf(text: string, reporter: ReporterIdentity | null): string {
  return redactText(text, { extraTerms: reporter ? identityTerms(reporter) : [] });
}

/** The public text of a stored report, from its reporter's sealed identity (at write time, never at read time). */
export async function publicTextFor(ctx: AppContext, s: ReportState): Promise<string> {
  const terms = await redactionTermsFor(ctx, [s]);
  return redactText(s.text, { extraTerms: terms.get(s.id) ?? [] });
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
    for (const s of batch)
      await setPublicText(ctx.store.db, s.id, redactText(s.text, { extraTerms: terms.get(s.id) ?? [] }));
    written += batch.length;
  }
}
