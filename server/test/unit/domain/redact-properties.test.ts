import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COMMON_NAME_WORDS, NAME_CONTEXTS } from '../../../src/domain/name-words.js';
import { identityTerms, redactText } from '../../../src/domain/redact.js';

/** Words and numbers of ordinary complaints: none is personal, and no context word ("pak", "saya") is among them. */
const FILLER = [
  'pohon',
  'tumbang',
  'di',
  'depan',
  'jalan',
  'raya',
  'lampu',
  'mati',
  'sejak',
  'kemarin',
  'sampah',
  'menumpuk',
  'got',
  'mampet',
  'tolong',
  'segera',
  'ditangani',
  'sari',
  'buah',
  'indah',
  'jaya',
  'taman',
  'kurang',
  'bagus',
  'Jalan Raya Bogor',
  'RT 03/RW 05,',
  'no. 12',
  'tahun 2024',
  'pukul 17.30',
  'Rp 50.000',
  'lantai 2',
  'B 1234 XYZ',
  'tanggal 05-03-2025,',
  'lebar 3.5 m',
  'call center 112',
];

/** A made-up name part: consonant–vowel syllables with a q, x or z, so it is no word of FILLER or of the lists. */
const uncommonPart = fc
  .tuple(
    fc.constantFrom('q', 'x', 'z'),
    fc.array(fc.tuple(fc.constantFrom(...'bdgkmnprstw'), fc.constantFrom(...'aeiou')), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([rare, syllables]) => {
    const word = `${rare}${syllables.map(([c, v]) => c + v).join('')}`;
    return word[0]!.toUpperCase() + word.slice(1);
  });

/** A name of one to three parts, at most one of them an ordinary word ("Sari Qorvex"). */
const fullName = fc
  .tuple(
    fc.array(uncommonPart, { minLength: 1, maxLength: 2 }),
    fc.option(fc.constantFrom('Sari', 'Indah', 'Jaya', 'Bagus', 'Raya', 'Jalan'), { nil: null }),
  )
  .map(([parts, common]) => (common ? [common, ...parts] : parts).join(' '));

/** A mobile number without trunk 0 or country code: 8, operator digit, 7 to 10 more digits. */
const nationalMobile = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 10 }),
  )
  .map(([operator, rest]) => `8${operator}${rest.join('')}`);

/** The ways people write a mobile number. */
const phoneForms = (n: string): string[] => {
  const [op, a, b] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
  return [
    `0${n}`,
    `+62${n}`,
    `62${n}`,
    `+62 ${op}-${a}-${b}`,
    `0${op}-${a}-${b}`,
    `0${op} ${a} ${b}`,
    `0${op}.${a}.${b}`,
    `(0${op}) ${a}-${b}`,
    `62 ${op} ${a} ${b}`,
  ];
};

const sentence = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 12 });
const caseOf = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.toLowerCase(),
);

const mask = (text: string, identity: Parameters<typeof identityTerms>[0]) =>
  redactText(text, { extraTerms: identityTerms(identity) });

/** Whether `word` stands in `text` as a whole word, in any case. */
const hasWord = (text: string, word: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu').test(text);

describe('redaction properties', () => {
  test('a reporter’s name, any uncommon part of it, and their phone in any form are masked wherever written', () => {
    fc.assert(
      fc.property(
        fullName,
        nationalMobile,
        sentence,
        sentence,
        fc.integer({ min: 0, max: 8 }),
        caseOf,
        fc.constantFrom('', ',', '.', ':'),
        (name, national, before, after, form, recase, punctuation) => {
          const phone = phoneForms(national)[form]!;
          const parts = name.split(' ');
          const uncommon = parts.filter((p) => !COMMON_NAME_WORDS.has(p.toLowerCase()));
          const text = [
            ...before,
            `${recase(name)}${punctuation}`,
            ...after,
            recase(uncommon[uncommon.length - 1]!),
            phone,
            ...before,
          ].join(' ');
          const out = mask(text, { name, phone: `0${national}` });
          for (const part of uncommon) expect(hasWord(out, part), out).toBe(false);
          expect(hasWord(out, name.replace(/ /g, '\\s+')), out).toBe(false);
          expect(out.replace(/[\s().+-]/g, ''), out).not.toContain(national);
          // the same text masked again does not change
          expect(mask(out, { name, phone: `0${national}` })).toBe(out);
        },
      ),
    );
  });

  test('a part that is an ordinary word is masked after a form of address or an introduction', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Sari', 'Indah', 'Jaya', 'Bagus'),
        uncommonPart,
        fc.constantFrom(...NAME_CONTEXTS),
        sentence,
        caseOf,
        (common, other, context, words, recase) => {
          const name = `${common} ${other}`;
          const text = `${words.join(' ')} ${recase(context)} ${recase(common)} ${words.join(' ')}`;
          const out = mask(text, { name });
          expect(out, text).toContain('[disamarkan]');
          // as whole words: "tumbang sari" in the sentence is not the form of address "bang" before the name
          const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
          const addressed = new RegExp(
            `(^|[^\\p{L}])${literal(context)}\\s+${literal(common)}($|[^\\p{L}])`,
            'iu',
          );
          expect(out).not.toMatch(addressed);
        },
      ),
    );
  });

  test('text without anything personal comes out unchanged, whoever the reporter is', () => {
    fc.assert(
      fc.property(fullName, nationalMobile, sentence, (name, national, words) => {
        const text = words.join(' ');
        expect(mask(text, { name, phone: `0${national}`, email: 'warga@contoh.id', nik: null })).toBe(text);
      }),
    );
  });
});
