import { DomainError } from './domain-error.js';

/** A news item a report is filed from (the "Aspirasi Publik Media Massa" channel): where, by whom, when. */
export interface NewsSource {
  url: string;
  outlet: string;
  /** YYYY-MM-DD, the day the outlet published it */
  publishedOn: string;
  /** What two links to the same article share (newsArticleKey); absent on reports filed before it was kept. */
  articleKey?: string;
}

/** Query parameters that say where a reader came from, not which article it is. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|igshid|mc_[a-z]+|ref|amp)$/i;

/**
 * The article a checked link (checkNewsUrl) points at, whatever way it was shared: the host without `www.`
 * (lower case), the path without a trailing slash, and the query without tracking parameters, sorted; no scheme
 * and no fragment. `https://www.Koran.example/a/b/?utm_source=wa#top` and `http://koran.example/a/b` are one
 * article; `?id=1` and `?id=2` are two.
 */
export function newsArticleKey(href: string): string {
  const url = new URL(href);
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const query = [...url.searchParams]
    .filter(([name]) => !TRACKING.test(name))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort()
    .join('&');
  return `${host}${url.port ? `:${url.port}` : ''}${path}${query ? `?${query}` : ''}`;
}

const BAD_URL = DomainError.invalid(
  {
    id: 'Tautan berita harus alamat web lengkap yang diawali http:// atau https:// (misalnya https://koran.example/berita/123)',
    en: 'The news link must be a full web address starting with http:// or https:// (e.g. https://paper.example/news/123)',
  },
  'invalid_news_url',
);
const CREDENTIALS_IN_URL = DomainError.invalid(
  {
    id: 'Tautan berita tidak boleh memuat nama pengguna atau kata sandi',
    en: 'The news link must not carry a user name or password',
  },
  'invalid_news_url',
);

/**
 * The link as it will be stored and shown to officers: only http and https (never `javascript:`, `data:`, `file:`
 * or a bare word that a browser would resolve against the console), with a host, without credentials.
 */
export function checkNewsUrl(text: string): string {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > 2000 || /\s/.test(trimmed)) throw BAD_URL;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw BAD_URL;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) throw BAD_URL;
  if (url.username || url.password) throw CREDENTIALS_IN_URL;
  return url.href;
}

/** The publication day: a real date, not after today (the city's date), not before 1945. */
export function checkPublishedOn(date: string, today: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parsed = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  const real = parsed && parsed.toISOString().slice(0, 10) === date;
  if (!real || date > today || date < '1945-01-01')
    throw DomainError.invalid(
      {
        id: `Tanggal terbit harus tanggal yang sah (TTTT-BB-HH), paling lambat hari ini (${today})`,
        en: `The publication date must be a real date (YYYY-MM-DD), today (${today}) at the latest`,
      },
      'invalid_published_on',
    );
  return date;
}

/** The line that tells officers where the report comes from, kept with its text. */
export function sourceLine(source: NewsSource): string {
  return `Sumber berita / News source: ${source.outlet}, ${source.publishedOn}, ${source.url}`;
}
