import { redactText } from '../domain/redact.js';
import type { ReportState } from '../domain/report-state.js';
import { STATUS_LABELS } from '../domain/statuses.js';
import type { AppContext } from './app-context.js';

/** One JakRespons row: redacted text, kelurahan-level location, no reporter, no exact coordinates. */
export function publicFeedItem(ctx: AppContext, s: ReportState, terms: string[]) {
  const region = s.kelurahanCode ? ctx.city.city.regions.get(s.kelurahanCode) : undefined;
  return {
    ticket: s.ticket,
    status: { code: s.status, label: STATUS_LABELS[s.status] },
    category: s.categoryCode,
    text: redactText(s.text, { extraTerms: terms }),
    kelurahan: s.kelurahanCode ? { code: s.kelurahanCode, name: region?.name ?? s.kelurahanCode } : null,
    location: s.kelurahanCode ? ctx.city.locator.centroidOf(s.kelurahanCode) : null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
