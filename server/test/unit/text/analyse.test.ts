import { describe, expect, it } from 'vitest';

import { analyse, normaliseForMatching } from '../../../src/text/index.js';

describe('analyse', () => {
  it.each([
    ['Lampu PJU di jl.Sudirman matiii 😡 tlg dibenerin!!', ['pju', 'jalan', 'sudirman', 'mati', 'perbaik']],
    [
      '@DKIJakarta min, sampahnya numpuk bgt di TPS RT05 RW03, baunya parahhhh 🤮 #SampahJakarta',
      ['sampah', 'tumpuk', 'tps', 'rt', 'rw', 'bau', 'parah', 'sampah', 'jakarta'],
    ],
    [
      'Jalan berlubang2 di Gg. Kelinci, udh sebulan gak diperbaiki. Anak2 sering jatoh. Hub 0812-3456-7890',
      ['jalan', 'lubang', 'gang', 'kelinci', 'tidak', 'perbaik', 'anak', 'jatuh'],
    ],
    [
      'tije koridor 9 telat terus, haltenya bocor kalo ujan 🙏 wkwkwk',
      ['transjakarta', 'koridor', 'telat', 'halte', 'bocor', 'hujan'],
    ],
    ['maaaaf mau tanya, e-KTP sy blm jadi2 udah 3 bulan, tolonggg', ['ktp', 'belum']],
    [
      'Pohon tumbang menimpa kabel PLN di Tj. Priok! Pemadam kebakaran blm dtg',
      ['pohon', 'tumbang', 'timpa', 'kabel', 'pln', 'tanjung', 'priok', 'damkar', 'belum'],
    ],
    [
      'PKL jualan di trotoar, pejalan kaki terpaksa lewat jalan raya. Satpol PP kemana?? #trotoar',
      ['pkl', 'jual', 'trotoar', 'jalan', 'kaki', 'paksa', 'lewat', 'jalan', 'raya', 'satpol', 'trotoar'],
    ],
    [
      'Parkir liar di bahu jalan bikin macettt, jukirnya galak minta 10rb',
      ['parkir', 'liar', 'bahu', 'jalan', 'macet', 'jukir', 'galak', 'minta', 'ribu'],
    ],
    [
      'got depan rumah mampet total, airnya ga ngalir, kalo ujan dikit langsung banjir 😭😭',
      ['selokan', 'rumah', 'sumbat', 'total', 'air', 'tidak', 'alir', 'hujan', 'banjir'],
    ],
    ['mati lampu dr jam 7 pagi, PLN gak ada kabar', ['listrik', 'padam', 'pagi', 'pln', 'tidak', 'kabar']],
    [
      'Yth. Bapak Lurah, mohon ditindaklanjuti pengaduan kami mengenai genangan air yang tergenang ' +
        'berhari-hari di Jl. Kebon Kacang.',
      ['lurah', 'genang', 'air', 'genang', 'jalan', 'kebon', 'kacang'],
    ],
  ])('%s', (text, expected) => {
    expect(analyse(text)).toEqual(expected);
  });

  it('reads English mixed in, keeping "asap" as the Indonesian word for smoke', () => {
    expect(analyse('the street light near my house is broken, please fix asap')).toEqual([
      'pju',
      'rumah',
      'rusak',
      'perbaik',
      'asap',
    ]);
  });

  it('keeps crossings: "seberang" is not a stop word, so penyeberangan survives', () => {
    expect(analyse('zebra cross & penyeberangan di depan sekolah catnya pudar')).toEqual([
      'seberang',
      'seberang',
      'sekolah',
      'cat',
      'pudar',
    ]);
  });

  it('gives the same tokens however often it is called (caches do not change results)', () => {
    const text = 'Lampu PJU di jl.Sudirman matiii 😡 tlg dibenerin!!';
    expect(analyse(text)).toEqual(analyse(text));
  });

  it('returns an empty list for text with nothing to classify', () => {
    expect(analyse('')).toEqual([]);
    expect(analyse('😡😡 !!! @admin https://t.co/x')).toEqual([]);
    expect(analyse('mohon segera ditindaklanjuti, terima kasih 🙏')).toEqual([]);
  });
});

describe('normaliseForMatching', () => {
  it('keeps place words and numbers, expands address abbreviations, does not stem', () => {
    expect(normaliseForMatching('Jl. Kebon Kacang Raya No.12, RT 005/RW 03, Kel. Kebon Kacang')).toBe(
      'jalan kebon kacang raya no 12 rt 5 rw 3 kelurahan kebon kacang',
    );
  });

  it('reads Tj., Pd. and Gg. as address words and drops phone numbers', () => {
    expect(normaliseForMatching('Gg. Kelinci, Pd. Labu dekat Tj. Priok, hub 0812-3456-7890')).toBe(
      'gang kelinci pondok labu dekat tanjung priok hubungi',
    );
  });

  it('does not remove stop words', () => {
    expect(normaliseForMatching('di depan kantor kelurahan yang baru')).toBe(
      'di depan kantor kelurahan yang baru',
    );
  });

  it('keeps one-letter words such as block letters', () => {
    expect(normaliseForMatching('Blok G no 7')).toBe('blok g no 7');
  });
});
