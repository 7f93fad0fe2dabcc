export interface NormaliseOptions {
  /**
   * Keep number tokens, without leading zeros ("RT 005" → "rt 5"), for place matching. Phone numbers are
   * removed either way; by default every digits-only token is dropped.
   */
  keepNumbers?: boolean;
}

const APOSTROPHE_IN_WORD = /(\p{L})['’‘`´ʼ](?=\p{L})/gu;
const APOSTROPHES = /['’‘`´ʼ]/;
const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}+/gu;
const UNICODE_HYPHENS = /[\u2010\u2011]/g;
const URLS =
  /\b(?:https?:\/\/|www\.)\S*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|id|co|ly|io|me|gl|gov|info|biz|app|link)\b(?:\/\S*)?/gi;
const EMAILS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MENTIONS = /@[\w.]+/g;
const HASHTAGS = /#(\w+)/g;
const PHONE_LIKE = /\+?\(?\d[\d\s()./-]{6,}\d/g;
const MIN_PHONE_DIGITS = 9;
const OTHER = /[^a-z0-9-]+/g;
const WHITESPACE = /\s+/;

// "#BanjirJakarta" and "#banjir_jakarta" carry two words; case is still known here.
const hashtagWords = (_: string, tag: string): string =>
  ` ${tag
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/_/g, ' ')} `;

const dropPhone = (match: string): string =>
  match.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? ' ' : match;

/**
 * Removes phone numbers (9+ digits, spaces, dashes, dots and brackets allowed: "0812-3456-7890",
 * "+62 21 555 1234"). Needed only when numbers are kept; otherwise their digits are dropped anyway.
 */
export const removePhoneNumbers = (text: string): string => text.replace(PHONE_LIKE, dropPhone);

/**
 * One whitespace-free piece of text, cleaned: compatibility forms folded and accents stripped (NFKD and
 * dropping combining marks: NFKC plus accent stripping in one step), URLs, e-mail addresses, @mentions,
 * emoji, symbols and punctuation removed, "#hashtag" kept as its word(s), "jum'at" joined to "jumat",
 * lower-cased. The result has only a-z, 0-9, hyphens and spaces. Each regex runs only when its trigger
 * character is present, because this runs on every new piece of text.
 */
export function normaliseChunk(chunk: string): string {
  let s = chunk;
  if (APOSTROPHES.test(s)) s = s.replace(APOSTROPHE_IN_WORD, '$1');
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(MARKS, '').replace(UNICODE_HYPHENS, '-');
  const at = s.includes('@');
  if (at) s = s.replace(EMAILS, ' ');
  if (s.includes('.') || s.includes('/')) s = s.replace(URLS, ' ');
  if (at) s = s.replace(MENTIONS, ' ');
  if (s.includes('#')) s = s.replace(HASHTAGS, hashtagWords);
  return s.toLowerCase().replace(OTHER, ' ').trim();
}

/** Splits text at whitespace (URLs, mentions and e-mail addresses never contain any). */
export const chunksOf = (text: string): string[] => text.split(WHITESPACE);

/** Normalised text (see normaliseChunk) as one string, words separated by single spaces. */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  const source = options.keepNumbers ? removePhoneNumbers(text) : text;
  return chunksOf(source)
    .map(normaliseChunk)
    .filter((s) => s !== '')
    .join(' ');
}
