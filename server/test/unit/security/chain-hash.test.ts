import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainLink } from '../../../src/security/chain-hash.js';

const secret = Buffer.alloc(32, 7);

describe('chain links', () => {
  it('the same entry gives the same link whatever the order of its keys (jsonb reorders them)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(chainLink(secret, '', { a: 1, b: 2 })).toBe(chainLink(secret, '', { b: 2, a: 1 }));
    expect(canonicalJson({ at: new Date('2026-12-07T01:00:00Z') })).toBe('{"at":"2026-12-07T01:00:00.000Z"}');
  });

  it('any change to the entry, the previous link or the secret changes the link', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
        (a, b, previous) => {
          fc.pre(canonicalJson(a) !== canonicalJson(b));
          expect(chainLink(secret, previous, a)).not.toBe(chainLink(secret, previous, b));
          expect(chainLink(secret, previous, a)).not.toBe(chainLink(secret, `${previous}0`, a));
          expect(chainLink(secret, previous, a)).not.toBe(chainLink(Buffer.alloc(32, 8), previous, a));
        },
      ),
    );
  });
});
