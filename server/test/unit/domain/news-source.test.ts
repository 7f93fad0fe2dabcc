import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/domain-error.js';
import { checkNewsUrl, checkPublishedOn, newsArticleKey } from '../../../src/domain/news-source.js';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  return null;
};

describe('a news item’s link', () => {
  it('any http(s) address with a dotted host is kept, as the URL parser writes it', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
        (url) => {
          fc.pre(new URL(url).hostname.includes('.') && !new URL(url).username);
          const kept = checkNewsUrl(url);
          expect(['http:', 'https:']).toContain(new URL(kept).protocol);
          expect(kept).toBe(new URL(url).href);
        },
      ),
    );
  });
  it('any other text is a bilingual 400, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl().map((u) => u.replace(/^https?/, 'javascript')),
          fc.webUrl().map((u) => u.replace(/^https?:/, '')),
        ),
        (text) => {
          fc.pre(!/^https?:\/\//i.test(text.trim()));
          const error = refusal(() => checkNewsUrl(text));
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).httpStatus).toBe(400);
          expect((error as DomainError).text.id).not.toBe((error as DomainError).text.en);
        },
      ),
    );
  });
});

describe('the article a link points at', () => {
  it('is the same however the link was shared: scheme, www, case of the host, trailing slash, fragment, tracking', () => {
    const key = newsArticleKey(checkNewsUrl('https://koran.example/metro/banjir-kemang'));
    expect(key).toBe('koran.example/metro/banjir-kemang');
    for (const shared of [
      'http://koran.example/metro/banjir-kemang',
      'https://www.Koran.example/metro/banjir-kemang/',
      'https://koran.example/metro/banjir-kemang#komentar',
      'https://koran.example/metro/banjir-kemang?utm_source=whatsapp&utm_medium=share&fbclid=abc',
    ])
      expect(newsArticleKey(checkNewsUrl(shared)), shared).toBe(key);
  });

  it('keeps what names the article: the path, its case, other query parameters in any order, the port', () => {
    const key = (url: string) => newsArticleKey(checkNewsUrl(url));
    expect(key('https://koran.example/baca?id=1')).not.toBe(key('https://koran.example/baca?id=2'));
    expect(key('https://koran.example/baca?id=1&hal=2')).toBe(key('https://koran.example/baca?hal=2&id=1'));
    expect(key('https://koran.example/Metro/A')).not.toBe(key('https://koran.example/metro/a'));
    expect(key('https://koran.example:8443/a')).not.toBe(key('https://koran.example/a'));
    expect(key('https://koran.example/a')).not.toBe(key('https://koran2.example/a'));
  });

  it('any checked link: adding tracking parameters, a fragment or www changes nothing', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true }),
        fc.constantFrom('utm_source=wa', 'fbclid=x1', 'gclid=z', 'utm_campaign=pagi'),
        (raw, tracking) => {
          let checked: string;
          try {
            checked = checkNewsUrl(raw);
          } catch {
            return; // not a link the desk accepts
          }
          const url = new URL(checked);
          url.hash = 'bagian-2';
          url.search = url.search ? `${url.search}&${tracking}` : `?${tracking}`;
          if (!url.hostname.startsWith('www.')) url.hostname = `www.${url.hostname}`;
          expect(newsArticleKey(checkNewsUrl(url.href))).toBe(newsArticleKey(checked));
        },
      ),
    );
  });
});

describe('the publication day', () => {
  it('a real day up to today is kept; a later or impossible one is refused', () => {
    expect(checkPublishedOn('2026-11-23', '2026-11-23')).toBe('2026-11-23');
    for (const bad of ['2026-11-24', '2026-02-29', '23-11-2026', '', '1900-01-01'])
      expect(refusal(() => checkPublishedOn(bad, '2026-11-23'))).toBeInstanceOf(DomainError);
  });
});
