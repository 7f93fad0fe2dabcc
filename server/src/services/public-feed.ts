import { redactText } from '../domain/redact.js';
import type { ReportState } from '../domain/report-state.js';
import { STATUS_LABELS } from '../domain/statuses.js';
import { decodeCursor } from '../store/keyset.js';
import { queryCityStats, queryPublicFeed } from '../store/report-queries.js';
import { rowToState } from '../store/report-rows.js';
import type { Status } from '../domain/statuses.js';
import type { AppContext } from './app-context.js';
import { redactionTermsFor } from './redaction-terms.js';

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

export interface PublicFeedFilter {
  category?: string;
  /** A kota code, e.g. 31.74. */
  kota?: string;
  status?: Status;
  cursor?: string;
  limit?: number;
}

/** JakRespons: public, visible reports, newest first, a page at a time. */
export async function readPublicFeed(ctx: AppContext, filter: PublicFeedFilter) {
  const page = await queryPublicFeed(ctx.store.db, {
    category: filter.category,
    kotaPrefix: filter.kota,
    status: filter.status,
    cursor: filter.cursor ? decodeCursor(filter.cursor) : undefined,
    limit: filter.limit ?? 20,
  });
  const states = page.items.map(rowToState);
  const terms = await redactionTermsFor(ctx, states);
  return {
    items: states.map((s) => publicFeedItem(ctx, s, terms.get(s.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export const readCityStats = (ctx: AppContext) => queryCityStats(ctx.store.db, ctx.now());
