import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { returnPathAfterSignIn } from '../../../../web/src/staff/after-sign-in.js';

describe('where the staff sign-in returns to', () => {
  it('returns to the monitoring room when it sent the user', () => {
    expect(returnPathAfterSignIn('?next=/monitor/')).toBe('/monitor/');
    expect(returnPathAfterSignIn('?next=%2Fmonitor')).toBe('/monitor/');
    expect(returnPathAfterSignIn('')).toBeNull();
  });

  it('never anywhere else: other hosts, protocol-relative or script addresses', () => {
    for (const next of [
      '//evil.example/monitor/',
      'https://evil.example/monitor/',
      'javascript:alert(1)',
      '/monitor/../staff/admin',
      '/monitor/?x=1',
      ' /monitor/',
    ])
      expect(returnPathAfterSignIn(`?next=${encodeURIComponent(next)}`)).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (next) => {
        const back = returnPathAfterSignIn(`?next=${encodeURIComponent(next)}`);
        expect(back).toBe(next === '/monitor' || next === '/monitor/' ? '/monitor/' : null);
      }),
    );
  });
});
