import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailConfigOf } from '../../../src/channels/email/email-config.js';
import { ownWords } from '../../../src/channels/email/email-message.js';

describe('the citizen’s own words in a mail', () => {
  it('drops quoted lines and everything after "… wrote:"', () => {
    expect(ownWords('Lampu mati.\r\n> lama\r\nTerima kasih')).toBe('Lampu mati.\nTerima kasih');
    expect(
      ownWords('Sudah diperbaiki?\n\nPada Sen, 7 Des 2026 pukul 10.00 Sigap menulis:\nLaporan JK…'),
    ).toBe('Sudah diperbaiki?');
    expect(ownWords('Masih rusak\nOn Mon, Dec 7, 2026 at 10:00 Sigap wrote:\n> x')).toBe('Masih rusak');
  });

  it('for any text: the result is made of the text’s own lines, none of them quoted', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string().map((s) => `> ${s}`),
          ),
        ),
        (lines) => {
          const kept = ownWords(lines.join('\n'));
          if (kept === '') return;
          for (const line of kept.split('\n')) {
            expect(/^\s*>/.test(line)).toBe(false);
            expect(lines.some((l) => l.includes(line.trim()))).toBe(true);
          }
        },
      ),
    );
  });
});

describe('the e-mail channel’s settings', () => {
  it('off without a port; the address is required and checked; the relay is optional', () => {
    expect(emailConfigOf({})).toBeNull();
    expect(emailConfigOf({ SIGAP_SMTP_PORT: '2525', SIGAP_EMAIL_ADDRESS: 'Lapor@Kota.go.id' })).toEqual({
      port: 2525,
      host: '127.0.0.1',
      address: 'lapor@kota.go.id',
      relayUrl: null,
      maxBytes: 25 * 1024 * 1024,
    });
    expect(() => emailConfigOf({ SIGAP_SMTP_PORT: '2525' })).toThrow(/SIGAP_EMAIL_ADDRESS harus/);
    expect(() => emailConfigOf({ SIGAP_SMTP_PORT: 'dua' })).toThrow(/SIGAP_SMTP_PORT harus nomor port/);
    expect(() =>
      emailConfigOf({
        SIGAP_SMTP_PORT: '25',
        SIGAP_EMAIL_ADDRESS: 'a@b.id',
        SIGAP_SMTP_RELAY_URL: 'relay:25',
      }),
    ).toThrow(/SIGAP_SMTP_RELAY_URL harus/);
  });
});
