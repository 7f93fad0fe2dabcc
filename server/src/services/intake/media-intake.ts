import { authorize } from '../../domain/authorize.js';
import { localDateString } from '../../domain/calendar.js';
import { DomainError } from '../../domain/domain-error.js';
import { checkNewsUrl, checkPublishedOn, newsArticleKey } from '../../domain/news-source.js';
import { ticketOfMessage } from '../../store/inbound-repository.js';
import { ticketsOfNewsArticle } from '../../store/news-article-queries.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { actorOf } from '../identity/policies.js';
import { submit } from './intake.js';

/** What a media monitor writes down from a news item: the problem in their words, and where it was published. */
export interface NewsItemReport {
  text: string;
  url: string;
  outlet: string;
  publishedOn: string;
  address?: string;
  category?: string;
  private?: boolean;
  /** The monitor saw that this article was filed before and files it again (another problem in it). */
  sameArticleAgain?: boolean;
}

export interface NewsItemFiled {
  ticket: string;
  status: string;
}

const NO_MEDIA_CHANNEL = DomainError.invalid(
  {
    id: 'Kota ini belum memiliki kanal media massa (city.json, jenis "media")',
    en: 'This city has no news-media channel (city.json, kind "media")',
  },
  'invalid_channel',
);

/** 409: the article was filed before; the monitor may file it again, knowingly, with `sameArticleAgain`. */
function filedBefore(tickets: string[]): DomainError {
  const list = tickets.join(', ');
  return DomainError.conflict(
    {
      id: `Berita ini sudah dicatat sebagai ${list}. Bila berita itu memuat masalah lain, catat sebagai masalah lain dari berita yang sama.`,
      en: `This article was filed before as ${list}. If it tells of another problem, file it as another problem from the same article.`,
    },
    'news_filed_before',
  );
}

/**
 * A report filed by a media monitor from a news item ("Aspirasi Publik Media Massa"): on the city's channel of
 * kind `media`, without any identity (the newsroom is not the reporter, and no citizen gave their details), its
 * source (link, outlet, day, and the article the link points at) recorded in the report's first event. The link
 * must be http(s). An article filed before (by any link to it: newsArticleKey) is a 409 naming its tickets unless
 * `sameArticleAgain` says the monitor knows. Audited; a retried request under the same key answers the first
 * answer, per account. Nobody is handed a citizen token: there is no citizen to hand it to.
 */
export async function fileFromNews(
  ctx: AppContext,
  user: StaffUser,
  input: NewsItemReport,
  idempotencyKey: string | null,
): Promise<NewsItemFiled> {
  authorize(actorOf(user), 'intake.media');
  const channel = ctx.city.city.config.channels.find((c) => c.kind === 'media');
  if (!channel) throw NO_MEDIA_CHANNEL;
  const today = localDateString(ctx.now(), ctx.city.calendar);
  const outlet = input.outlet.trim();
  if (!outlet)
    throw DomainError.invalid({ id: 'Nama media wajib diisi', en: 'The outlet’s name is required' });
  const url = checkNewsUrl(input.url);
  const newsSource = {
    url,
    outlet,
    publishedOn: checkPublishedOn(input.publishedOn, today),
    articleKey: newsArticleKey(url),
  };
  const externalId = idempotencyKey ? `media:${user.id}:${idempotencyKey}` : null;
  if (!input.sameArticleAgain) {
    const earlier = await ticketsOfNewsArticle(ctx.store.db, newsSource.articleKey);
    if (earlier.length > 0) {
      // a retry of a request that went through answers as the first time, not as a second filing of its article
      const retried =
        externalId !== null && (await ticketOfMessage(ctx.store.db, channel.code, externalId)) !== null;
      if (!retried) throw filedBefore(earlier);
    }
  }
  const answer = await submit(ctx, {
    intent: 'new',
    channel: channel.code,
    externalId,
    sender: null,
    raw: null,
    citizenToken: null,
    uploads: [],
    report: {
      text: input.text,
      ...(input.address?.trim() ? { address: input.address.trim() } : {}),
      ...(input.category ? { category: input.category } : {}),
      // news is public already; the monitor may still keep the report off the public list
      private: input.private ?? false,
      anonymous: true,
      reporter: null,
      newsSource,
    },
  });
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'media_intake',
    subject: answer.ticket,
    reason: null,
    detail: { channel: channel.code, outlet },
  });
  return { ticket: answer.ticket, status: answer.status };
}
