import { describe, expect, test } from 'vitest';
import { featuresOf, MAX_ANALYSED_CHARACTERS } from '../../../src/classify/features.js';

describe('features of a complaint', () => {
  test('words and adjacent pairs, each once', () => {
    const features = featuresOf('Pohon tumbang, pohon tumbang!');
    expect(features).toEqual(expect.arrayContaining(['pohon', 'tumbang', 'pohon tumbang', 'tumbang pohon']));
    expect(features.filter((f) => f === 'pohon tumbang')).toHaveLength(1);
  });

  test('a letter’s title line counts like the body, words stemmed (menimpa → timpa), pairs across the break', () => {
    expect(featuresOf('Pohon tumbang\nmenimpa motor')).toEqual(
      expect.arrayContaining(['pohon', 'tumbang', 'timpa', 'motor', 'tumbang timpa']),
    );
  });

  test('a text far longer than any letter is analysed up to the bound: what comes after adds nothing', () => {
    const story = 'kami warga kampung sudah lama menunggu. '.repeat(120);
    expect(story.length).toBeGreaterThan(MAX_ANALYSED_CHARACTERS);
    const head = `Pohon tumbang\n${story}`;
    expect(featuresOf(`${head} sampah menumpuk`)).toEqual(featuresOf(head));
    expect(featuresOf(`${head} sampah menumpuk`)).not.toContain('sampah');
    expect(featuresOf(`Pohon tumbang\nsampah menumpuk`)).toContain('sampah');
  });
});
