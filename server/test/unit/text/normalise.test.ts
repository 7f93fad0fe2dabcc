import { describe, expect, it } from 'vitest';

import {
  normalise,
  normaliseChunk,
  normaliseText,
  removePhoneNumbers,
  tokenise,
} from '../../../src/text/index.js';

describe('normaliseText', () => {
  it('lower-cases and keeps only letters, digits, hyphens and single spaces', () => {
    expect(normaliseText('  Jalan RUSAK!!!   Tolong...  ')).toBe('jalan rusak tolong');
  });

  it('folds compatibility forms (NFKC) and strips accents', () => {
    expect(normaliseText('Café résumé naïve')).toBe('cafe resume naive');
    expect(normaliseText('ＢＡＮＪＩＲ 𝐁𝐚𝐧𝐣𝐢𝐫 ﬁx')).toBe('banjir banjir fix');
  });

  it('removes emoji and symbols, also when glued to words', () => {
    expect(normaliseText('🚧🚧 jalan😡rusak!!! 👍🏽 ❤️ ★★★ ← →')).toBe('jalan rusak');
    expect(normaliseText('banjir 🌊🌊 lagi 😭🙏')).toBe('banjir lagi');
  });

  it('removes URLs, e-mail addresses and @mentions', () => {
    expect(normaliseText('cek https://bit.ly/abc123 dan www.jakarta.go.id ya')).toBe('cek dan ya');
    expect(normaliseText('lihat jakarta.go.id/lapor')).toBe('lihat');
    expect(normaliseText('kirim ke lapor@jakarta.go.id')).toBe('kirim ke');
    expect(normaliseText('@DKIJakarta @pemprov_dki min tolong')).toBe('min tolong');
  });

  it('keeps the words of a #hashtag, split at camel case or underscores', () => {
    expect(normaliseText('#banjir lagi')).toBe('banjir lagi');
    expect(normaliseText('#BanjirJakarta #banjir_jaktim #PKL')).toBe('banjir jakarta banjir jaktim pkl');
  });

  it('joins an apostrophe inside a word and splits at other punctuation', () => {
    expect(normaliseText("Jum'at jum’at")).toBe('jumat jumat');
    expect(normaliseText('jl.Sudirman,no.5/RT.02')).toBe('jl sudirman no 5 rt 02');
  });

  it('removes phone numbers when numbers are kept, but not short numbers', () => {
    expect(normaliseText('Hub 0812-3456-7890 atau +62 21 555 1234, RT 005', { keepNumbers: true })).toBe(
      'hub atau rt 005',
    );
    expect(removePhoneNumbers('tgl 12/05 jam 07.00')).toBe('tgl 12/05 jam 07.00');
  });

  it('cleans one whitespace-free chunk the same way', () => {
    expect(normaliseChunk('@admin')).toBe('');
    expect(normaliseChunk('(Jl.Sudirman)')).toBe('jl sudirman');
  });
});

describe('tokenise and normalise', () => {
  it('drops digits-only tokens and splits letters glued to digits', () => {
    expect(normalise('RT05 RW.03 no 12A, 3 bulan 2024')).toEqual(['rt', 'rw', 'no', 'a', 'bulan']);
  });

  it('keeps numbers without leading zeros when asked', () => {
    expect(normalise('RT 005 rw03 no.12', { keepNumbers: true })).toEqual(['rt', '5', 'rw', '3', 'no', '12']);
  });

  it('drops phone numbers in both modes', () => {
    expect(normalise('hub 0812-3456-7890')).toEqual(['hub']);
    expect(normalise('hub 0812 3456 7890', { keepNumbers: true })).toEqual(['hub']);
  });

  it('reduces reduplication written with 2 or a hyphen', () => {
    expect(normalise('anak2 anak-anak Anak2nya berlubang2 sama2')).toEqual([
      'anak',
      'anak',
      'anaknya',
      'berlubang',
      'sama',
    ]);
    expect(normalise('berhari-hari anak-anaknya ugal-ugalan')).toEqual(['berhari', 'anaknya', 'ugalan']);
  });

  it('keeps a number glued to a consonant-only abbreviation as a number', () => {
    expect(normalise('rt2 lt2', { keepNumbers: true })).toEqual(['rt', '2', 'lt', '2']);
  });

  it('joins a one-letter prefix and splits other hyphenated words', () => {
    expect(normalise('e-KTP sayur-mayur ke-2 Jakarta-Bogor')).toEqual([
      'ektp',
      'sayur',
      'mayur',
      'ke',
      'jakarta',
      'bogor',
    ]);
  });

  it('collapses stretched letters', () => {
    expect(normalise('parahhhh TOLONGGG bangettt maaaaf')).toEqual(['parah', 'tolong', 'banget', 'maaf']);
  });

  it('drops laughter', () => {
    expect(normalise('wkwkwk hahaha hehehe jalan rusak wkwk')).toEqual(['jalan', 'rusak']);
  });

  it('tokenises already normalised text', () => {
    expect(tokenise('anak2 rt05 sampahhh')).toEqual(['anak', 'rt', 'sampah']);
  });

  it('returns nothing for empty or symbol-only text', () => {
    expect(normalise('')).toEqual([]);
    expect(normalise(' 😡🙏 !!! ')).toEqual([]);
  });
});
