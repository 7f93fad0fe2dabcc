import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../../src/domain/language-guess.js';

describe('the language a citizen wrote in', () => {
  it('English when its common words outnumber Indonesian ones; otherwise Indonesian', () => {
    expect(guessLanguage('The street light in front of the mosque is broken')).toBe('en');
    expect(guessLanguage('There is a pothole on Jalan Sudirman near the bus stop')).toBe('en');
    expect(guessLanguage('Lampu jalan mati di depan masjid sejak kemarin')).toBe('id');
    expect(guessLanguage('Jalan rusak parah, tolong segera diperbaiki ya')).toBe('id');
    // too little to tell, or a mix leaning Indonesian: the city's language
    expect(guessLanguage('traffic light')).toBe('id');
    expect(guessLanguage('the lampu di jalan yang mati dan the kabel')).toBe('id');
    expect(guessLanguage('')).toBe('id');
  });

  it('is always one of the two, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(['id', 'en']).toContain(guessLanguage(text));
      }),
    );
  });
});
