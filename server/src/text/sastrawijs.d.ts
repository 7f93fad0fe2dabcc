// sastrawijs ships types, but its package.json "exports" has no "types" condition, so NodeNext resolution
// cannot reach them. This declares the part we use.
declare module 'sastrawijs' {
  export class Stemmer {
    /** Root → "" (the keys are the dictionary). */
    internalDictionary: Record<string, string>;
    constructor(dictionary?: string[]);
    /** The stem of one lower-case word; the word itself when no root is found. */
    stem(word: string): string;
    /** Whether the word is a root in the dictionary. */
    find(word: string): boolean;
    /** Whether `c` (one character, or "" past the end of a word) is one of `chars`. */
    isOneOf(c: string, chars: string): boolean;
    isNotOneOf(c: string, chars: string): boolean;
  }
}
