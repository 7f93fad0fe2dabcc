import { identityTerms } from '../../domain/redact.js';
import type { ReportState } from '../../domain/report-state.js';
import { findSealedIdentities } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';

/**
 * The reporters' own details for a batch of reports, used only to mask them in text shown to others; one query
 * for the whole batch. The result never leaves the server.
 */
export async function redactionTermsFor(
  ctx: Pick<AppContext, 'store' | 'vault'>,
  states: ReportState[],
): Promise<Map<string, string[]>> {
  const ids = states.map((s) => s.identityId).filter((id): id is string => !!id);
  const sealed = await findSealedIdentities(ctx.store.db, ids);
  const result = new Map<string, string[]>();
  for (const s of states) {
    const blob = s.identityId ? sealed.get(s.identityId) : undefined;
    if (!blob) {
      result.set(s.id, []);
      continue;
    }
    result.set(s.id, identityTerms(ctx.vault.open(blob)));
  }
  return result;
}
