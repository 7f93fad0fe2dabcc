export { analyse, normaliseForMatching } from './analyse.js';
export { DOMAIN_TERMS } from './domain-terms.js';
export { standardiseInformal } from './informal.js';
export { isKnownWord, isListedWord } from './lexicon.js';
export {
  normaliseChunk,
  normaliseText,
  removePhoneNumbers,
  type NormaliseOptions,
} from './normalise-text.js';
export { reduceHyphenated, reduceTwoMark } from './reduplication.js';
export { collapseRepeats } from './repeats.js';
export { expandSlang, expandWord, phraseAt, startsPhrase, type PhraseMatch } from './slang.js';
export { SLANG_RULES, type SlangRule, type SlangScope } from './slang-table.js';
export { stem } from './stem.js';
export { distinctWords, signatureOf, wordSignature } from './word-signature.js';
export { isStopWord, removeStopWords, stopWords } from './stop-words.js';
export { normalise, tokenise } from './tokenise.js';
