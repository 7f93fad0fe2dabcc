import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * The tickets of reports filed from one news article (its newsArticleKey), oldest first, at most `limit`; removed
 * reports are left out. Through report_event_news_article_idx (0024), whose expression and condition this repeats.
 */
export async function ticketsOfNewsArticle(db: Db, articleKey: string, limit = 5): Promise<string[]> {
  const rows = await db
    .selectFrom('report_event as e')
    .innerJoin('report as r', 'r.id', 'e.report_id')
    .select('r.ticket')
    .where(sql<string>`e.body #>> '{newsSource,articleKey}'`, '=', articleKey)
    .where('e.type', '=', sql.lit('created'))
    .where(sql<boolean>`e.body ? 'newsSource'`)
    .where('r.visibility', '!=', sql.lit('removed'))
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.ticket);
}
