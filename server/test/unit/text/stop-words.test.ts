import { describe, expect, it } from 'vitest';

import { analyse, isStopWord, removeStopWords, stopWords } from '../../../src/text/index.js';
import { parseWordList } from '../../../src/text/stop-words.js';

describe('stop words', () => {
  it('drops function words, particles and politeness', () => {
    for (const word of [
      'yang',
      'di',
      'dan',
      'sudah',
      'sih',
      'dong',
      'tolong',
      'mohon',
      'pak',
      'admin',
      'the',
    ]) {
      expect(isStopWord(word)).toBe(true);
    }
  });

  it('keeps negations', () => {
    for (const word of ['tidak', 'belum', 'bukan', 'jangan', 'tanpa', 'kurang']) {
      expect(isStopWord(word)).toBe(false);
    }
  });

  it('keeps the words a complaint is about', () => {
    for (const word of ['mati', 'rusak', 'jalan', 'air', 'lampu', 'kali', 'umum', 'lewat', 'ribu', 'warga']) {
      expect(isStopWord(word)).toBe(false);
    }
  });

  it('removes stop words from a token list', () => {
    expect(removeStopWords(['lampu', 'di', 'jalan', 'itu', 'tidak', 'menyala', 'sih'])).toEqual([
      'lampu',
      'jalan',
      'tidak',
      'menyala',
    ]);
  });

  it('also drops a word whose stem is a stop word in the full pipeline', () => {
    expect(analyse('melaporkan laporan pengaduan keluhan')).toEqual([]);
  });

  it('has a few hundred words and parses comments and blank lines', () => {
    expect(stopWords().size).toBeGreaterThan(300);
    expect([...parseWordList('# a comment\n\nyang\n  dan  # trailing\n')]).toEqual(['yang', 'dan']);
  });
});
