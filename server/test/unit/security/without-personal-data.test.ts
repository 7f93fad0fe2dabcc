import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobErrorWords } from '../../../src/services/jobs/job-error-words.js';
import { withoutPersonalData } from '../../../src/security/without-personal-data.js';

// A failed job's error goes to the log and the administrators' dead-letter screen: whatever a library or an
// outside service quoted of a recipient must not.

const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
const domain = fc.stringMatching(/^[a-z0-9-]{1,15}\.[a-z]{2,6}$/);
const email = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
const phone = fc
  .tuple(
    fc.constantFrom('+62', '0', '62'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 12 }),
  )
  .chain(([prefix, digits]) =>
    fc
      .constantFrom(' ', '-', '.', '')
      .map((sep) => `${prefix}${digits.join('').replace(/(\d{4})(?=\d)/g, `$1${sep}`)}`),
  );
const handle = fc.stringMatching(/^[A-Za-z0-9_]{3,15}$/).map((h) => `@${h}`);
const around = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\d@]/g, ' '));

describe('withoutPersonalData', () => {
  it('takes out any e-mail address, phone number or handle wherever it is quoted', () => {
    fc.assert(
      fc.property(around, fc.oneof(email, phone, handle), around, (before, secret, after) => {
        const out = withoutPersonalData(`${before} <${secret}> ${after}`);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(secret.replace(/\D/g, '').slice(-7) || secret);
      }),
    );
  });

  it('keeps what helps an administrator: statuses, codes, words', () => {
    expect(withoutPersonalData('the SMS gateway answered 503')).toBe('the SMS gateway answered 503');
    expect(
      withoutPersonalData(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <ani@contoh.example>: no such user",
      ),
    ).toBe("Can't send mail - all recipients were rejected: 550 5.1.1 <[alamat / address]>: no such user");
    expect(withoutPersonalData('connect ECONNREFUSED 127.0.0.1:25')).toBe(
      'connect ECONNREFUSED 127.0.0.1:25',
    );
    expect(withoutPersonalData('smtp://relay-user:s3cret@mail.example.org')).not.toContain('s3cret');
  });
});

describe('jobErrorWords', () => {
  it('says what failed and why, in both languages, for the errors the senders throw', () => {
    expect(jobErrorWords('notify-citizen', 'the SMS gateway answered 500')).toEqual({
      id: 'Kabar untuk warga tidak terkirim: Gerbang SMS sedang bermasalah di pihaknya (menjawab 500); ulangi setelah layanannya pulih',
      en: 'A message to a citizen was not delivered: The SMS gateway had a fault on its side (answered 500); retry once it works again',
    });
    expect(jobErrorWords('push-citizen', 'push service answered 410').en).toMatch(
      /no longer knows the recipient/,
    );
    expect(jobErrorWords('notify-citizen', 'Telegram sendMessage answered 401').id).toMatch(/kredensial/);
    expect(jobErrorWords('notify-citizen', 'connect ECONNREFUSED 127.0.0.1:25').en).toMatch(
      /could not be reached/,
    );
    expect(
      jobErrorWords(
        'notify-citizen',
        "Can't send mail - all recipients were rejected: 550 5.1.1 <[alamat / address]>",
      ).en,
    ).toMatch(/refused the recipient’s address/);
    expect(jobErrorWords('escalation-sweep', 'something odd').en).toBe(
      'The check for overdue reports to escalate failed. The cause was not recognised; see the technical message',
    );
    expect(jobErrorWords('transcode-video', null).id).toMatch(/^Video warga tidak dapat diolah/);
  });
});
