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
      imap: null,
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

describe('the IMAP mailbox’s settings', () => {
  const base = { SIGAP_EMAIL_ADDRESS: 'lapor@kota.go.id', SIGAP_IMAP_HOST: 'imap.kota.go.id' };
  it('turns the channel on without SMTP; TLS on port 993 unless told; user and password required', () => {
    const config = emailConfigOf({ ...base, SIGAP_IMAP_USER: 'lapor', SIGAP_IMAP_PASSWORD: 'rahasia' });
    expect(config).toMatchObject({ port: null, address: 'lapor@kota.go.id' });
    expect(config!.imap).toEqual({
      host: 'imap.kota.go.id',
      port: 993,
      secure: true,
      user: 'lapor',
      password: 'rahasia',
      mailbox: 'INBOX',
      doneMailbox: null,
      pollSeconds: 60,
    });
    expect(() => emailConfigOf(base)).toThrow(/SIGAP_IMAP_USER, SIGAP_IMAP_PASSWORD belum diisi/);
    expect(() =>
      emailConfigOf({ ...base, SIGAP_IMAP_USER: 'l', SIGAP_IMAP_PASSWORD: 'p', SIGAP_IMAP_PORT: '99999' }),
    ).toThrow(/SIGAP_IMAP_PORT harus nomor port/);
  });
  it('plain IMAP only to this machine: the password must not cross a network in clear', () => {
    const plain = { SIGAP_IMAP_USER: 'l', SIGAP_IMAP_PASSWORD: 'p', SIGAP_IMAP_TLS: 'off' };
    expect(() => emailConfigOf({ ...base, ...plain })).toThrow(/SIGAP_IMAP_TLS=off hanya untuk server/);
    const local = emailConfigOf({
      ...base,
      ...plain,
      SIGAP_IMAP_HOST: '127.0.0.1',
      SIGAP_IMAP_DONE_MAILBOX: 'Selesai',
    });
    expect(local!.imap).toMatchObject({ port: 143, secure: false, doneMailbox: 'Selesai' });
  });
});
