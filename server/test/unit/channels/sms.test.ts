import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsConfigOf } from '../../../src/channels/sms/sms-config.js';
import { fitSms, smsSegments } from '../../../src/channels/sms/sms-text.js';
import { twiml } from '../../../src/channels/sms/twilio.js';
import { ConfigError } from '../../../src/config.js';
import { STATUSES } from '../../../src/domain/statuses.js';
import { notificationText } from '../../../src/services/channels/notification-text.js';

describe('SMS text', () => {
  it('a short reply is left alone; a long one is cut to two segments with an ellipsis', () => {
    expect(fitSms('Laporan JK2612070001: Selesai.')).toBe('Laporan JK2612070001: Selesai.');
    const long = 'Petugas sudah datang ke lokasi dan memperbaiki lampu jalan. '.repeat(10);
    const fitted = fitSms(long);
    expect(fitted.endsWith('…')).toBe(true);
    expect(smsSegments(fitted).segments).toBeLessThanOrEqual(2);
    expect(long.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it('for any text, GSM-7 or not, the result fits and is a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 800, unit: 'grapheme' }), (text) => {
        const fitted = fitSms(text);
        expect(smsSegments(fitted).segments).toBeLessThanOrEqual(2);
        if (fitted !== text) expect(text.startsWith(fitted.slice(0, -1))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every notification, for every status, fits two segments even with a long ticket and note', () => {
    for (const status of STATUSES)
      for (const kind of ['received', 'status_changed'] as const) {
        const text = notificationText({
          kind,
          status,
          ticket: 'JK26120700012',
          note: 'Lokasi di luar kewenangan',
        });
        expect(smsSegments(text.id).segments, `${kind} ${status}`).toBeLessThanOrEqual(2);
        expect(text.id).toContain('JK26120700012');
      }
  });

  it('TwiML escapes the reply and is empty when there is nothing to say', () => {
    expect(twiml(null)).toMatch(/<Response\/>$/);
    expect(twiml('a <b> & c')).toContain('<Message>a &lt;b&gt; &amp; c</Message>');
  });
});

describe('the SMS channel’s settings', () => {
  const full = {
    SIGAP_SMS_TWILIO_ACCOUNT_SID: 'AC1',
    SIGAP_SMS_TWILIO_AUTH_TOKEN: 't',
    SIGAP_SMS_FROM: '1708',
    SIGAP_PUBLIC_URL: 'https://lapor.example.go.id/',
  };
  it('off when no account is set; complete when all are', () => {
    expect(smsConfigOf({})).toBeNull();
    expect(smsConfigOf(full)).toEqual({
      accountSid: 'AC1',
      authToken: 't',
      from: '1708',
      publicUrl: 'https://lapor.example.go.id',
      apiUrl: 'https://api.twilio.com',
    });
  });
  it('a half-set account or a bad address is named at start, in both languages', () => {
    expect(() => smsConfigOf({ ...full, SIGAP_SMS_FROM: '' })).toThrow(ConfigError);
    expect(() => smsConfigOf({ ...full, SIGAP_SMS_FROM: '' })).toThrow(
      /SIGAP_SMS_FROM belum diisi \/ .*not set/,
    );
    expect(() => smsConfigOf({ ...full, SIGAP_PUBLIC_URL: 'lapor.example' })).toThrow(/bukan alamat http/);
  });
});
