/**
 * A per-report pseudonym for the reporter, shown to officers so they can tell the reporter apart in one
 * report's thread. It is derived from the report id only, never from the citizen, so the same citizen gets
 * unrelated pseudonyms on different reports; the secret keeps the labels unpredictable.
 */
import { createHmac } from 'node:crypto';

/** Shorter secrets are rejected as a sign of misconfiguration (an empty or placeholder key). */
const MIN_SECRET_BYTES = 16;
const PSEUDONYM_HEX_CHARS = 6;

export function reporterPseudonym(secret: Uint8Array, reportId: string): string {
  if (secret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`reporterPseudonym: secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (reportId.length === 0) throw new RangeError('reporterPseudonym: reportId must not be empty');
  const digest = createHmac('sha256', secret).update(reportId, 'utf8').digest('hex');
  return `Warga-${digest.slice(0, PSEUDONYM_HEX_CHARS).toUpperCase()}`;
}
