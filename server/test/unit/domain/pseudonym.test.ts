import { describe, expect, it } from 'vitest';

import { reporterPseudonym } from '../../../src/domain/pseudonym.js';

const secret = new TextEncoder().encode('0123456789abcdef');

describe('reporterPseudonym', () => {
  it('is Warga- and the first 6 hex digits of HMAC-SHA256(secret, reportId), upper case', () => {
    // Expected values from: printf %s 'R-2025-000123' | openssl dgst -sha256 -hmac '0123456789abcdef'
    expect(reporterPseudonym(secret, 'R-2025-000123')).toBe('Warga-160849');
    expect(reporterPseudonym(secret, 'R-2025-000124')).toBe('Warga-2FD2A4');
  });

  it('is stable for one report and depends on the secret', () => {
    expect(reporterPseudonym(secret, 'R-2025-000124')).toBe(reporterPseudonym(secret, 'R-2025-000124'));
    const otherSecret = new TextEncoder().encode('fedcba9876543210');
    expect(reporterPseudonym(otherSecret, 'R-2025-000123')).toBe('Warga-73A0BA');
  });

  it('rejects a short secret and an empty report id', () => {
    expect(() => reporterPseudonym(new Uint8Array(15), 'R-1')).toThrow(RangeError);
    expect(() => reporterPseudonym(new Uint8Array(0), 'R-1')).toThrow(RangeError);
    expect(() => reporterPseudonym(secret, '')).toThrow(RangeError);
  });
});
