import type { ReportState } from '../../domain/report-state.js';
import { STATUS_LABELS } from '../../domain/statuses.js';
import { decodeCursor } from '../../store/keyset.js';
import { queryCityStats, queryPublicFeed } from '../../store/report-queries.js';
import { rowToState } from '../../store/report-rows.js';
import type { Status } from '../../domain/statuses.js';
import type { AppContext } from '../app/app-context.js';

/**
 * One JakRespons row: the text as redacted when it was written (null until a report from before that is
 * backfilled), kelurahan-level location, no reporter, no exact coordinates.
 */
export function publicFeedItem(ctx: AppContext, s: ReportState, publicText: string | null) {
  const region = s.kelurahanCode ? ctx.city.city.regions.get(s.kelurahanCode) : undefined;
  return {
    ticket: s.ticket,
    status: { code: s.status, label: STATUS_LABELS[s.status] },
    category: s.categoryCode,
    text: publicText,
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
  return {
    items: page.items.map((row) => publicFeedItem(ctx, rowToState(row), row.public_text)),
    nextCursor: page.nextCursor,
  };
}

export const readCityStats = (ctx: AppContext) => queryCityStats(ctx.store.db, ctx.now());
