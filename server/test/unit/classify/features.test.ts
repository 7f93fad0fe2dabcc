import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  asksForAction,
  EMPHASIS,
  featuresOf,
  LETTER_CHARACTERS,
  MAX_ANALYSED_CHARACTERS,
  sentencesOf,
  STORY_CHARACTERS,
  withoutBoilerplate,
} from '../../../src/classify/features.js';
import { analyse } from '../../../src/text/index.js';

const times = (features: string[], f: string) => features.filter((x) => x === f).length;

describe('features of a complaint', () => {
  test('words and adjacent pairs, each once in a short message', () => {
    const features = featuresOf('Pohon tumbang, pohon tumbang!');
    expect(features).toEqual(expect.arrayContaining(['pohon', 'tumbang', 'pohon tumbang', 'tumbang pohon']));
    expect(times(features, 'pohon tumbang')).toBe(1);
  });

  test('a letter’s title line counts EMPHASIS times, words stemmed (menimpa → timpa), pairs across the break', () => {
    const features = featuresOf('Pohon tumbang\nmenimpa motor');
    expect(features).toEqual(expect.arrayContaining(['pohon', 'tumbang', 'timpa', 'motor', 'tumbang timpa']));
    expect(times(features, 'pohon')).toBe(EMPHASIS);
    expect(times(features, 'pohon tumbang')).toBe(EMPHASIS);
    expect(times(features, 'motor')).toBe(1);
    expect(times(features, 'tumbang timpa')).toBe(1);
  });

  test('in a long story, the sentences that ask for action count EMPHASIS times; the story once', () => {
    const story =
      'Kemarin saya lewat jalan kampung yang banyak lubang dan sampah menumpuk di pinggir kali. ' +
      'Anak-anak main di situ setiap sore sampai malam bersama teman-teman mereka dari sekolah. ';
    const text = `${story}Mohon saluran di depan rumah kami segera dikeruk karena lumpurnya sudah penuh.`;
    expect(text.length).toBeGreaterThanOrEqual(STORY_CHARACTERS);
    const features = featuresOf(text);
    expect(times(features, 'salur')).toBe(EMPHASIS); // "saluran", stemmed
    expect(times(features, 'keruk lumpur')).toBe(EMPHASIS);
    expect(times(features, 'sampah')).toBe(1);
    // the same request in a short message is not emphasised
    expect(times(featuresOf('Mohon saluran segera dikeruk'), 'salur')).toBe(1);
  });

  test('greetings and closings of a letter do not vote; a short message keeps them', () => {
    const letter =
      'Assalamualaikum wr wb. Dengan hormat, lampu jalan di gang kami mati sudah seminggu dan gelap sekali ' +
      'kalau malam. Mohon segera diperbaiki. Atas perhatiannya kami ucapkan terima kasih. Wassalamualaikum wr wb';
    expect(letter.length).toBeGreaterThanOrEqual(LETTER_CHARACTERS);
    const stripped = withoutBoilerplate(letter);
    for (const gone of ['Assalamualaikum', 'Dengan hormat', 'terima kasih', 'Wassalamualaikum', 'wr wb'])
      expect(stripped).not.toContain(gone);
    expect(stripped).toContain('lampu jalan');
    const features = featuresOf(letter);
    for (const gone of ['wr', 'wb', 'hormat', 'perhati', 'wasalam']) expect(features).not.toContain(gone);
    expect(withoutBoilerplate('terima kasih min sudah dibenerin')).toBe('terima kasih min sudah dibenerin');
    // only whole words: "permisi" goes, "permisif" stays
    expect(withoutBoilerplate(`${'x '.repeat(80)}permisi permisif`)).toContain('permisif');
  });

  test('sentences and requests', () => {
    expect(sentencesOf('Satu. Dua! Tiga?\nEmpat; lima')).toEqual([
      'Satu.',
      'Dua!',
      'Tiga?',
      'Empat;',
      'lima',
    ]);
    expect(asksForAction('Tolong ditertibkan')).toBe(true);
    expect(asksForAction('MOHON DIPERBAIKI')).toBe(true);
    expect(asksForAction('Nyuwun tulung dipun keruk')).toBe(true);
    expect(asksForAction('Jalan rusak parah sejak tahun lalu')).toBe(false);
    expect(asksForAction('permohonan')).toBe(false); // whole words only
  });

  test('a text far longer than any letter is analysed up to the bound: what comes after adds nothing', () => {
    const story = 'kami warga kampung sudah lama menunggu. '.repeat(120);
    expect(story.length).toBeGreaterThan(MAX_ANALYSED_CHARACTERS);
    const head = `Pohon tumbang\n${story}`;
    expect(featuresOf(`${head} sampah menumpuk`)).toEqual(featuresOf(head));
    expect(featuresOf(`${head} sampah menumpuk`)).not.toContain('sampah');
    expect(featuresOf(`Pohon tumbang\nsampah menumpuk`)).toContain('sampah');
  });

  test('property: any text gives each feature once or EMPHASIS times, the same set as its plain analysis', () => {
    const piece = fc.constantFrom(
      'Mohon',
      'segera',
      'diperbaiki.',
      'pohon',
      'tumbang',
      'saluran',
      'mampet',
      'Assalamualaikum',
      'terima kasih',
      'warga',
      '\n',
      '[***]',
      '!!!',
      'JALAN',
      'rusak',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 120 }), (parts) => {
        const text = parts.join(' ');
        const features = featuresOf(text);
        const counts = new Map<string, number>();
        for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
        for (const [f, n] of counts) expect([1, EMPHASIS], f).toContain(n);
        // emphasis only repeats features: every word is one the text's analysis has
        const words = new Set(analyse(withoutBoilerplate(text)));
        for (const f of counts.keys()) if (!f.includes(' ')) expect(words.has(f), f).toBe(true);
      }),
    );
  });
});
