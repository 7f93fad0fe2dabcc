import { reporterPseudonym } from '../../../domain/pseudonym.js';

/** Pseudonyms made lately, per secret: a queue shows the same reports again and again, each an HMAC to make. */
const made = new WeakMap<Uint8Array, Map<string, string>>();
/** About 4 MB at most; emptied when full (the next pages fill it again). */
const MAX_KEPT = 50_000;

/** reporterPseudonym, remembered: the same report and secret always give the same pseudonym. */
export function pseudonymOf(secret: Uint8Array, reportId: string): string {
  let kept = made.get(secret);
  if (!kept) made.set(secret, (kept = new Map()));
  let pseudonym = kept.get(reportId);
  if (pseudonym === undefined) {
    pseudonym = reporterPseudonym(secret, reportId);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(reportId, pseudonym);
  }
  return pseudonym;
}
