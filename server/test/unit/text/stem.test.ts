import { describe, expect, it } from 'vitest';

import { stem } from '../../../src/text/index.js';
import { BoundedCache } from '../../../src/text/bounded-cache.js';

const cases = (table: Record<string, string>) => {
  for (const [word, expected] of Object.entries(table)) expect(stem(word), word).toBe(expected);
};

describe('stem', () => {
  it('reduces inflected words to their root (Sastrawi)', () => {
    cases({
      sampahnya: 'sampah',
      ditebang: 'tebang',
      kemacetan: 'macet',
      pedagang: 'dagang',
      parkiran: 'parkir',
      kebisingan: 'bising',
      pungutan: 'pungut',
      trotoarnya: 'trotoar',
      lampunya: 'lampu',
      genangan: 'genang',
      berlubang: 'lubang',
      kebocoran: 'bocor',
      tersumbat: 'sumbat',
    });
  });

  it('applies our fixes for roots Sastrawi gets wrong', () => {
    cases({
      menumpuk: 'tumpuk',
      penumpukan: 'tumpuk',
      penerangan: 'terang',
      berserakan: 'serak',
      pemangkasan: 'pangkas',
      pemadaman: 'padam',
      penanganan: 'tangan',
      kerusakan: 'rusak',
      perpajakan: 'pajak',
      pejalan: 'jalan',
      pengemis: 'kemis',
      terlantar: 'telantar',
      perempatan: 'simpang',
      bersihkan: 'bersih',
      terasa: 'rasa',
      pengaman: 'aman',
      penyewa: 'sewa',
    });
  });

  it('keeps the k of a root in pe-/ke-…-an nouns that Sastrawi reads as -kan', () => {
    cases({
      penarikan: 'tarik',
      kerusakannya: 'rusak',
      penegakan: 'tegak',
      pendidikan: 'didik',
      kenaikan: 'naik',
    });
  });

  it('handles the "ter-", "menge-" and "meny-" forms Sastrawi leaves whole', () => {
    cases({
      tergenang: 'genang',
      tergenangnya: 'genang',
      terbengkalai: 'bengkalai',
      mengeluhkan: 'keluh',
      pengerukan: 'keruk',
      mengering: 'kering',
      menyampaikan: 'sampai',
    });
  });

  it('keeps words whose root would merge different complaints', () => {
    cases({
      kebakaran: 'kebakaran',
      kebakarannya: 'kebakaran',
      kematian: 'kematian',
      perbaikan: 'perbaik',
      diperbaiki: 'perbaik',
      memperbaiki: 'perbaik',
      kependudukan: 'penduduk',
    });
  });

  it('never stems domain terms, but strips their suffixes', () => {
    cases({ pju: 'pju', transjakarta: 'transjakarta', rusun: 'rusun', rusunnya: 'rusun', pjunya: 'pju' });
  });

  it('returns unknown words unchanged', () => {
    cases({ sudirman: 'sudirman', xqzt: 'xqzt' });
  });
});

describe('BoundedCache', () => {
  it('keeps at most two generations of entries', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    cache.set('e', 5);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
