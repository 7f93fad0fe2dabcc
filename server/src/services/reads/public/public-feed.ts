import type { Status } from '../../../domain/statuses.js';
import { decodeCursor } from '../../../store/keyset.js';
import { queryCityStats, queryPublicFeed } from '../../../store/report-queries.js';
import type { AppContext } from '../../app/app-context.js';
import type { PublicFeedPageT } from './public-schema.js';
import { publicFeedItem } from './public-view.js';

export interface PublicFeedFilter {
  category?: string;
  /** A kota code, e.g. 31.74. */
  kota?: string;
  /** A kecamatan code, e.g. 31.74.01. */
  kecamatan?: string;
  /** A kelurahan code, e.g. 31.74.01.1001. */
  kelurahan?: string;
  status?: Status;
  cursor?: string;
  limit?: number;
}

/** JakRespons: public, visible reports, newest first, a page at a time; the vault is never opened. */
export async function readPublicFeed(ctx: AppContext, filter: PublicFeedFilter): Promise<PublicFeedPageT> {
  const page = await queryPublicFeed(ctx.store.db, {
    category: filter.category,
    // the narrowest region given: a kelurahan exactly, a kecamatan or kota by the codes' prefix
    kotaPrefix: filter.kelurahan ? undefined : (filter.kecamatan ?? filter.kota),
    kelurahan: filter.kelurahan,
    status: filter.status,
    cursor: filter.cursor ? decodeCursor(filter.cursor) : undefined,
    limit: filter.limit ?? 20,
  });
  return {
    items: page.items.map((row) => publicFeedItem(ctx, row)),
    nextCursor: page.nextCursor,
  };
}

/** The city's figures; every channel of city.json is in `byChannel`, one that no report came by with zeros. */
export async function readCityStats(ctx: AppContext) {
  const stats = await queryCityStats(ctx.store.db, ctx.now());
  for (const { code } of ctx.city.city.config.channels)
    stats.byChannel[code] ??= { reports: 0, last30Days: 0, averageMinutesToFirstReply: null, failedSends: 0 };
  return stats;
}

/** The city's report categories, in both languages. */
export function listCategories(ctx: AppContext) {
  return {
    items: [...ctx.city.city.categories.values()].map((c) => ({
      code: c.code,
      name: { id: c.nameId, en: c.nameEn },
    })),
  };
}
