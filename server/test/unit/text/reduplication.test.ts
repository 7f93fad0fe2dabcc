import { describe, expect, it } from 'vitest';

import { reduceHyphenated, reduceTwoMark } from '../../../src/text/index.js';

describe('reduceTwoMark', () => {
  it('reads a 2 after a word as reduplication', () => {
    expect(reduceTwoMark('anak2')).toBe('anak');
    expect(reduceTwoMark('hati2')).toBe('hati');
    expect(reduceTwoMark('anak2nya')).toBe('anaknya');
  });

  it('does not read a 2 after an abbreviation or a short stem as reduplication', () => {
    expect(reduceTwoMark('rt2')).toBeUndefined();
    expect(reduceTwoMark('lt2')).toBeUndefined();
    expect(reduceTwoMark('ke2')).toBeUndefined();
    expect(reduceTwoMark('anak3')).toBeUndefined();
  });
});

describe('reduceHyphenated', () => {
  it('reduces full reduplication to one word', () => {
    expect(reduceHyphenated(['anak', 'anak'])).toEqual(['anak']);
    expect(reduceHyphenated(['gorong', 'gorong'])).toEqual(['gorong']);
    expect(reduceHyphenated(['berhari', 'hari'])).toEqual(['berhari']);
    expect(reduceHyphenated(['anak', 'anaknya'])).toEqual(['anaknya']);
  });

  it('joins a one-letter prefix', () => {
    expect(reduceHyphenated(['e', 'ktp'])).toEqual(['ektp']);
  });

  it('keeps other compounds as separate words', () => {
    expect(reduceHyphenated(['sayur', 'mayur'])).toEqual(['sayur', 'mayur']);
    expect(reduceHyphenated(['jakarta', 'bogor'])).toEqual(['jakarta', 'bogor']);
    expect(reduceHyphenated(['ke', 'kantor'])).toEqual(['ke', 'kantor']);
  });
});
