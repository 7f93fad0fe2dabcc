import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { laporConfigOf } from '../../../src/channels/lapor/lapor-config.js';
import { inboundOfLapor, type LaporReport } from '../../../src/channels/lapor/lapor-payload.js';
import { laporSignatureValid } from '../../../src/channels/lapor/lapor-signature.js';
import { ConfigError } from '../../../src/config.js';

const SECRET = 'rahasia-bersama-lapor-uji-0123456789abcdef';

describe('the LAPOR! channel settings', () => {
  const full = {
    SIGAP_LAPOR_WEBHOOK_SECRET: SECRET,
    SIGAP_LAPOR_API_URL: 'https://api.lapor.example/',
    SIGAP_LAPOR_API_TOKEN: 'token',
  };
  it('off when nothing is set; complete when all are', () => {
    expect(laporConfigOf({})).toBeNull();
    expect(laporConfigOf(full)).toEqual({
      webhookSecret: SECRET,
      apiUrl: 'https://api.lapor.example',
      apiToken: 'token',
    });
  });
  it('half-set, a short secret or a bad address is named at start, in both languages', () => {
    expect(() => laporConfigOf({ ...full, SIGAP_LAPOR_API_TOKEN: '' })).toThrow(ConfigError);
    expect(() => laporConfigOf({ ...full, SIGAP_LAPOR_API_TOKEN: '' })).toThrow(
      /SIGAP_LAPOR_API_TOKEN belum diisi \/ .*not set/,
    );
    expect(() => laporConfigOf({ ...full, SIGAP_LAPOR_WEBHOOK_SECRET: 'pendek' })).toThrow(/minimal 32/);
    expect(() => laporConfigOf({ ...full, SIGAP_LAPOR_API_URL: 'ftp://lapor' })).toThrow(/bukan alamat http/);
  });
});

describe('the LAPOR! signature', () => {
  it('holds for the exact bytes under the secret, and for nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, flip) => {
        const body = Buffer.from(bytes);
        const good = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        expect(laporSignatureValid(SECRET, good, body)).toBe(true);
        expect(laporSignatureValid(`${SECRET}x`, good, body)).toBe(false);
        if (body.length) {
          const changed = Buffer.from(body);
          changed[flip % changed.length]! ^= 1;
          expect(laporSignatureValid(SECRET, good, changed)).toBe(false);
        }
        expect(laporSignatureValid(SECRET, undefined, body)).toBe(false);
        expect(laporSignatureValid(SECRET, [good], body)).toBe(false);
      }),
    );
  });
});

describe('a forwarded report as a message of the one intake', () => {
  const report: LaporReport = {
    schema: 'sigap.lapor.v1',
    trackingId: '1916449',
    title: 'Lampu mati',
    content: 'Lampu jalan mati di Tebet',
    submittedAt: '2026-11-22T20:15:00+07:00',
    anonymous: false,
    confidential: true,
    location: { address: 'Jalan Tebet Raya', lat: -6.23, lng: 106.85 },
    reporter: { name: 'Ani', phone: '0812 1111 2222', nik: '3171019999999999' },
  };
  it('the tracking id is the external id and the handle answered; LAPOR!’s Rahasia is a private report', () => {
    const inbound = inboundOfLapor(report, 'lapor');
    expect(inbound).toMatchObject({
      channel: 'lapor',
      externalId: '1916449',
      sender: { kind: 'handle', value: '1916449' },
      intent: 'new',
      report: {
        text: 'Lampu mati\n\nLampu jalan mati di Tebet',
        address: 'Jalan Tebet Raya',
        lat: -6.23,
        lng: 106.85,
        private: true,
        anonymous: false,
      },
    });
    // a NIK that fails the structural check does not refuse the hand-over: it is left out of the identity
    expect(inbound.report.reporter).toEqual({ name: 'Ani', phone: '0812 1111 2222' });
  });
  it('an anonymous report carries no identity, not even in its payload', () => {
    const inbound = inboundOfLapor({ ...report, anonymous: true }, 'lapor');
    expect(inbound.report.reporter).toBeNull();
    expect(JSON.stringify(inbound.raw)).not.toContain('Ani');
  });
});
