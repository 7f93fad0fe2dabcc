import { analyse } from '../text/index.js';

/**
 * The features of a complaint: its analysed words (normalised, slang expanded, stemmed, stop words dropped)
 * and adjacent word pairs ("pohon tumbang", "lampu mati"). Distinct only: the model treats features as
 * present or absent. Character n-grams were tried for misspellings and did not help on the held-out set
 * (the normaliser already maps common ones), while making classification about four times slower.
 */
export function featuresOf(text: string): string[] {
  const words = analyse(text);
  const features = new Set<string>(words);
  for (let i = 0; i + 1 < words.length; i++) features.add(`${words[i]} ${words[i + 1]}`);
  return [...features];
}
