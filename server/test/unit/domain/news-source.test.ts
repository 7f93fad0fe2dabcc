import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/domain-error.js';
import { checkNewsUrl, checkPublishedOn } from '../../../src/domain/news-source.js';

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

describe('the publication day', () => {
  it('a real day up to today is kept; a later or impossible one is refused', () => {
    expect(checkPublishedOn('2026-11-23', '2026-11-23')).toBe('2026-11-23');
    for (const bad of ['2026-11-24', '2026-02-29', '23-11-2026', '', '1900-01-01'])
      expect(refusal(() => checkPublishedOn(bad, '2026-11-23'))).toBeInstanceOf(DomainError);
  });
});
