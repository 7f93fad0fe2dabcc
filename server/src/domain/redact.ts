/**
 * Redaction of personal data in text shown to the public or to officers of a private report: e-mail
 * addresses, Indonesian phone numbers, 16-digit NIK/KK numbers and caller-supplied terms (the reporter's
 * name, phone, e-mail…). Vehicle plates are kept on purpose: they are often the point of a complaint.
 * Ordinary numbers (house numbers, RT/RW, dates, times, years, money) must survive, so numbers are judged by
 * the shape of their digit groups rather than by digit count alone.
 */

import { COMMON_NAME_WORDS, NAME_CONTEXTS } from './name-words.js';

export const REDACTION_MARKER = '[disamarkan]';

/**
 * Only the given terms (a reporter's own name, phone, e-mail, NIK), for text staff wrote: an officer's note may
 * rightly give a hotline or the officer's own number, which the general number patterns would hide.
 */
export function redactTerms(text: string, terms: readonly string[]): string {
  const pattern = extraTermsPattern(terms);
  return pattern ? text.replace(pattern, REDACTION_MARKER) : text;
}

/**
 * Marks a term (a name part that is an ordinary word) to be masked only after a form of address or an
 * introduction (NAME_CONTEXTS), together with it. NUL never occurs in stored text (intake refuses it).
 */
const AFTER_ADDRESS = '\u0000';

/** Shortest part of a name that is masked on its own ("Siti" of "Siti Aminah"): shorter ones are too common. */
const MIN_NAME_PART_LETTERS = 3;

/**
 * The terms that identify a reporter: the full name, the phone, the e-mail, the NIK and each part of the name
 * (people write only a first name or a surname) of three letters or more. A part that is also an ordinary word
 * (name-words.ts: "Sari", "Indah", "Jaya", "Jalan"…) is masked only after a form of address or an introduction
 * ("Bu Sari", "nama saya Sari"), so that "sari buah" or "Jalan Raya" of someone else stay readable; a one-word
 * name is the full name and is masked wherever it stands, and so are two or more parts written in their order
 * ("Sari Indah" of Sari Indah Wulandari). What this cannot see: docs/SECURITY.md.
 */
export function identityTerms(identity: {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  nik?: string | null;
}): string[] {
  const name = identity.name?.trim().replace(/\s+/g, ' ') ?? '';
  const parts = name
    .split(/[^\p{L}'’-]+/u)
    .filter((part) => (part.match(/\p{L}/gu) ?? []).length >= MIN_NAME_PART_LETTERS)
    .filter((part) => part.toLowerCase() !== name.toLowerCase());
  const runs = parts.flatMap((_, from) =>
    parts.slice(from + 1).map((__, i) => parts.slice(from, from + 2 + i).join(' ')),
  );
  const nameTerms = parts.map((part) =>
    COMMON_NAME_WORDS.has(part.toLowerCase()) ? `${AFTER_ADDRESS}${part}` : part,
  );
  const terms = [name, ...runs, ...nameTerms, identity.phone, identity.email, identity.nik].filter(
    (v): v is string => !!v?.trim(),
  );
  return [...new Set(terms)];
}

export function redactText(text: string, opts: { extraTerms?: string[] } = {}): string {
  const terms = extraTermsPattern(opts.extraTerms ?? []);
  const withoutTerms = terms ? text.replace(terms, REDACTION_MARKER) : text;
  return redactNumbers(withoutTerms.replace(EMAIL, REDACTION_MARKER));
}

const EMAIL = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;

// ---- Extra terms -------------------------------------------------------------------------------------

/** Shorter terms would wipe out ordinary one-letter words and digits. */
const MIN_TERM_CHARS = 2;
const PHONE_LIKE_TERM = /^[+\d\s().-]+$/;
const MIN_PHONE_LIKE_DIGITS = 5;
/** Separators people put between digits when writing a number. */
const DIGIT_SEPARATORS = String.raw`[\s.()-]*`;

/** Forms of address and introductions before a name, as one alternation (see NAME_CONTEXTS). */
const CONTEXT_SOURCE = NAME_CONTEXTS.map(escapedWords).join('|');
/** Before and after a whole word: no letter or digit. */
const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/**
 * One case-insensitive pattern for all terms, longest first so a full name wins over a part of it. Words are one
 * alternation between a single pair of word boundaries, and the name parts that are ordinary words one
 * alternation after the forms of address. Compiling is most of the cost (a new pattern per reporter): with the
 * forms of address as separately bounded alternatives it took about 280 ms; grouped, about 5 ms.
 */
function extraTermsPattern(terms: readonly string[]): RegExp | null {
  const usable = terms
    .map((term) => term.trim())
    .filter((term) => (term.match(/[\p{L}\p{N}]/gu) ?? []).length >= MIN_TERM_CHARS)
    .sort((a, b) => b.length - a.length);
  const afterAddress = usable.filter((t) => t.startsWith(AFTER_ADDRESS)).map((t) => escapedWords(t.slice(1)));
  const words = usable.filter((t) => !t.startsWith(AFTER_ADDRESS) && !isPhoneLike(t)).map(escapedWords);
  if (afterAddress.length > 0)
    words.unshift(String.raw`(?:${CONTEXT_SOURCE})[,.:;]?\s+(?:${afterAddress.join('|')})`);
  const sources = usable.filter(isPhoneLike).map(phoneTermSource);
  if (words.length > 0) sources.unshift(`${WORD_START}(?:${words.join('|')})${WORD_END}`);
  return sources.length === 0 ? null : new RegExp(sources.join('|'), 'giu');
}

function isPhoneLike(term: string): boolean {
  return PHONE_LIKE_TERM.test(term) && term.replace(/\D/g, '').length >= MIN_PHONE_LIKE_DIGITS;
}

/**
 * Digits with any separators between them; a phone written with a trunk 0 or country code 62 also matches
 * when written the other way (0812… ↔ +62 812… ↔ 62812…).
 */
function phoneTermSource(term: string): string {
  const digits = term.replace(/\D/g, '');
  const national = nationalPart(term.trimStart(), digits);
  const core = [...(national ?? digits)].join(DIGIT_SEPARATORS);
  const prefix = national === null ? '' : String.raw`(?:(?:\+\s*62|62|\(?0)${DIGIT_SEPARATORS})?`;
  return String.raw`(?<!\d)${prefix}${core}(?!\d)`;
}

/** The number without trunk 0 or country code 62, or null when the term does not look like a phone. */
function nationalPart(term: string, digits: string): string | null {
  if (term.startsWith('+') && digits.startsWith('62')) return digits.slice(2);
  if (digits.startsWith('62') && digits.length >= 10 && digits.length <= 14) return digits.slice(2);
  if (digits.startsWith('0') && digits.length >= 8) return digits.slice(1);
  return null;
}

/**
 * A term as written, matched as whole words (WORD_START/WORD_END around it, so a short name does not eat the
 * middle of other words); between words any run of spaces matches, after a comma, colon, semicolon or full stop
 * too ("Salam, Sari"; "Bpk. Sari").
 */
function escapedWords(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`[,.:;]?\s+`);
}

// ---- Phone numbers and NIKs --------------------------------------------------------------------------

/** A written number: digit groups joined by short runs of spaces, dots or dashes; '+62', '(021)', '(+62)'. */
const NUMBER_RUN = /\+?(?:\(\+?\d+\)|\d+)(?:[ \t\u00a0.-]{0,3}\+?(?:\(\+?\d+\)|\d+))*/g;
const DIGIT_GROUP = /\+?(?:\(\+?\d+\)|\d+)/g;
/** A number right after 'Rp'/'IDR' is money, whatever it looks like. */
const MONEY_BEFORE = /(?:rp|idr)\.?\s*$/i;
const MAX_GROUPS_PER_MATCH = 7;

interface DigitGroup {
  token: string;
  digits: string;
  start: number;
  end: number;
}

function redactNumbers(text: string): string {
  return text.replace(NUMBER_RUN, (run: string, offset: number) => {
    const groups = [...run.matchAll(DIGIT_GROUP)].map((m) => ({
      token: m[0],
      digits: m[0].replace(/\D/g, ''),
      start: m.index,
      end: m.index + m[0].length,
    }));
    const isMoney = MONEY_BEFORE.test(text.slice(Math.max(0, offset - 5), offset));
    let redacted = '';
    let cursor = 0;
    let i = isMoney ? 1 : 0;
    while (i < groups.length) {
      const taken = sensitiveGroupsAt(groups, i);
      const first = groups[i];
      const last = groups[i + taken - 1];
      if (taken === 0 || !first || !last) {
        i += 1;
        continue;
      }
      redacted += run.slice(cursor, first.start) + REDACTION_MARKER;
      cursor = last.end;
      i += taken;
    }
    return redacted + run.slice(cursor);
  });
}

/** How many groups from `i` on form a NIK or phone number (the longest such), or 0. */
function sensitiveGroupsAt(groups: readonly DigitGroup[], i: number): number {
  for (let count = Math.min(MAX_GROUPS_PER_MATCH, groups.length - i); count >= 1; count--) {
    const slice = groups.slice(i, i + count);
    if (isNikLike(slice) || isPhone(slice)) return count;
  }
  return 0;
}

/** Group lengths of NIKs written by field: PP.KK.CC.DDMMYY.SSSS and PP.KK.CC.DD.MM.YY.SSSS. */
const NIK_FIELD_SHAPES = new Set(['2,2,2,6,4', '2,2,2,2,2,2,4']);

/**
 * 16 digits written together (a NIK, a KK number or a card number: all personal), or split into NIK fields
 * or groups of 4+ digits. Split forms must have a plausible birth day and month so that a row of years
 * like '2019 2020 2021 2022' is left alone.
 */
function isNikLike(slice: readonly DigitGroup[]): boolean {
  if (slice.some((g) => g.token !== g.digits)) return false;
  const digits = slice.map((g) => g.digits).join('');
  if (digits.length !== 16) return false;
  if (slice.length === 1) return true;
  const lengths = slice.map((g) => g.digits.length);
  const shapeOk = lengths.every((n) => n >= 4) || NIK_FIELD_SHAPES.has(lengths.join(','));
  const day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return shapeOk && dayOk && month >= 1 && month <= 12;
}

/** A group that opens a mobile number with its operator prefix: 0812, 62812 or (after a lone 62) 812. */
const MOBILE_OPERATOR_GROUP = /^(?:0|62)?8[1-9]\d{1,2}$/;

/**
 * An Indonesian phone number: +62 / 62 / trunk 0, then a mobile number (8…, 9–12 digits) or, not after a
 * bare 62, a landline (area code 2x–9x except 8, 8–11 digits). Groups after the operator or area code
 * (the first group, or the second after a lone '62' or '0') need 3+ digits, or 2+ after a mobile operator
 * prefix (0812 34 56 78 90). That keeps dates and times such as '08-12-2024 12.30' out.
 */
function isPhone(slice: readonly DigitGroup[]): boolean {
  const [first, second] = slice;
  if (!first || slice.slice(1).some((g) => g.token.includes('+'))) return false;
  const digits = slice.map((g) => g.digits).join('');
  let national: string;
  let mobileOnly = false;
  if (first.token.includes('+')) {
    if (!digits.startsWith('62')) return false;
    national = digits.slice(2);
  } else if (digits.startsWith('62')) {
    national = digits.slice(2);
    mobileOnly = true;
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else {
    return false;
  }
  const prefixAlone = first.digits === '62' || first.digits === '0';
  const operator = prefixAlone ? second : first;
  if (!operator) return false;
  const minGroupDigits = MOBILE_OPERATOR_GROUP.test(operator.digits) ? 2 : 3;
  const rest = slice.slice(slice.indexOf(operator) + 1);
  if (rest.some((g) => g.digits.length < minGroupDigits)) return false;
  const isMobile = national.startsWith('8') && national.length >= 9 && national.length <= 12;
  const isLandline = !mobileOnly && /^[2-79]/.test(national) && national.length >= 8 && national.length <= 11;
  return isMobile || isLandline;
}
