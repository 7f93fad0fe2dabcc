import { describe, expect, it } from 'vitest';

import { collapseRepeats } from '../../../src/text/index.js';

describe('collapseRepeats', () => {
  it('collapses runs of three or more letters to a known word', () => {
    expect(collapseRepeats('parahhhh')).toBe('parah');
    expect(collapseRepeats('tolonggg')).toBe('tolong');
    expect(collapseRepeats('bangettt')).toBe('banget');
    expect(collapseRepeats('tidakkk')).toBe('tidak');
    expect(collapseRepeats('kenapaaa')).toBe('kenapa');
    expect(collapseRepeats('bannnyak')).toBe('banyak');
  });

  it('keeps a legitimate double vowel when the stretched word needs it', () => {
    expect(collapseRepeats('maaaaf')).toBe('maaf');
    expect(collapseRepeats('saaaat')).toBe('saat');
  });

  it('leaves words with legitimate doubles alone', () => {
    for (const word of ['maaf', 'saat', 'taat', 'tinggi', 'pinggir', 'menunggu', 'jalannya', 'diikuti']) {
      expect(collapseRepeats(word)).toBe(word);
    }
    expect(collapseRepeats('sakit')).toBe('sakit');
  });

  it('repairs a doubled letter when only the single form is a word', () => {
    expect(collapseRepeats('sampahh')).toBe('sampah');
    expect(collapseRepeats('pohonn')).toBe('pohon');
    expect(collapseRepeats('matii')).toBe('mati');
  });

  it('keeps slang and domain abbreviations written with doubles', () => {
    for (const word of ['gg', 'kk', 'pp', 'ngga', 'nggak']) expect(collapseRepeats(word)).toBe(word);
  });

  it('without a known word, collapses long runs and a final double but keeps inner doubles', () => {
    expect(collapseRepeats('jakartaaa')).toBe('jakarta');
    expect(collapseRepeats('ranggon')).toBe('ranggon');
    expect(collapseRepeats('semanggi')).toBe('semanggi');
  });
});
