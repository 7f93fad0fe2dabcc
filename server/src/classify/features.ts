import { analyse } from '../text/index.js';

/**
 * Texts are analysed up to this many characters (intake accepts 4,000; `sigap classify` takes any line): a
 * pasted chronicle costs no more than a long letter, and a letter's point is in its title and first part.
 */
export const MAX_ANALYSED_CHARACTERS = 4000;

/**
 * The features of a complaint: its analysed words (normalised, slang expanded, stemmed, stop words dropped)
 * and adjacent word pairs ("pohon tumbang", "lampu mati"). Distinct only: the model treats features as
 * present or absent. Character n-grams were tried for misspellings and did not help on the held-out set
 * (the normaliser already maps common ones), while making classification about four times slower. Extra
 * features for a letter's title and the sentences that ask for action were tried on the long letters and did
 * not help there either (docs/DECISIONS.md), while halving the speed on long texts.
 */
export function featuresOf(text: string): string[] {
  const words = analyse(
    text.length > MAX_ANALYSED_CHARACTERS ? text.slice(0, MAX_ANALYSED_CHARACTERS) : text,
  );
  const features = new Set<string>(words);
  for (let i = 0; i + 1 < words.length; i++) features.add(`${words[i]} ${words[i + 1]}`);
  return [...features];
}
