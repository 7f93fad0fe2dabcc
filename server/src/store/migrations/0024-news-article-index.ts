import { type Kysely, sql } from 'kysely';

// Reports filed from a news item, found by the article their link points at (domain/news-source.ts#newsArticleKey,
// kept in the created event's newsSource): the media desk is told when an article was filed before. Partial: only
// created events with a source, a sliver of report_event.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index report_event_news_article_idx on report_event ((body #>> '{newsSource,articleKey}'))
      where type = 'created' and body ? 'newsSource'
  `.execute(db);
}
