import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../../../src/domain/domain-error.js';
import { etagOf, expectedVersion } from '../../../src/http/if-match.js';

describe('If-Match → the version an officer saw', () => {
  test('every ETag the server gives reads back as its version, strong, weak or bare', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (version) => {
        expect(expectedVersion(etagOf(version))).toBe(version);
        expect(expectedVersion(`W/${etagOf(version)}`)).toBe(version);
        expect(expectedVersion(` ${version} `)).toBe(version);
      }),
    );
  });

  test('no header or * means "whatever is current"', () => {
    expect(expectedVersion(undefined)).toBeUndefined();
    expect(expectedVersion('*')).toBeUndefined();
  });

  test('anything else is a 400 in both languages, never a number', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 40 })
          .filter((s) => !/^\s*(?:W\/)?(?:"[0-9]{1,9}"|[0-9]{1,9})\s*$/.test(s) && s.trim() !== '*'),
        (header) => {
          try {
            expectedVersion(header);
            expect.unreachable(`accepted ${JSON.stringify(header)}`);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).httpStatus).toBe(400);
            expect((error as DomainError).text.id).toMatch(/If-Match/);
          }
        },
      ),
    );
    for (const header of ['"1", "2"', '"1', '2"', '"-1"', '"1.5"', '"1234567890"', 'W/', '""', 'abc'])
      expect(() => expectedVersion(header), header).toThrow(DomainError);
  });
});
