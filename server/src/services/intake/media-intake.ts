import { authorize } from '../../domain/authorize.js';
import { localDateString } from '../../domain/calendar.js';
import { DomainError } from '../../domain/domain-error.js';
import { checkNewsUrl, checkPublishedOn } from '../../domain/news-source.js';
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

/**
 * A report filed by a media monitor from a news item ("Aspirasi Publik Media Massa"): on the city's channel of
 * kind `media`, without any identity (the newsroom is not the reporter, and no citizen gave their details), its
 * source (link, outlet, day) recorded in the report's first event. The link must be http(s). Audited; a retried
 * request under the same key answers the first answer, per account. Nobody is handed a citizen token: there is no
 * citizen to hand it to.
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
  const newsSource = {
    url: checkNewsUrl(input.url),
    outlet,
    publishedOn: checkPublishedOn(input.publishedOn, today),
  };
  const answer = await submit(ctx, {
    intent: 'new',
    channel: channel.code,
    externalId: idempotencyKey ? `media:${user.id}:${idempotencyKey}` : null,
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
