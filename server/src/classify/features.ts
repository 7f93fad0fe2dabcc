import { analyse } from '../text/index.js';

/**
 * Texts are analysed up to this many characters (intake accepts 4,000; `sigap classify` takes any line): a
 * pasted chronicle costs no more than a long letter, and a letter's point is in its title and first part.
 */
export const MAX_ANALYSED_CHARACTERS = 4000;

/** A first line at most this long, followed by more text, is read as the letter's title. */
export const MAX_TITLE_CHARACTERS = 160;

/** Texts at least this long are letters: their greetings and closings are dropped before analysis. */
export const LETTER_CHARACTERS = 160;

/** In texts at least this long (a story, then the request) the sentences that ask for action are emphasised. */
export const STORY_CHARACTERS = 250;

/** How many times a word of the title or of a request counts (every other word counts once). */
export const EMPHASIS = 3;

// Greetings, salutations and closings: they open and close letters of every category, so they carry no
// information about the problem, while in a long letter they dilute the words that do. Matched on whole words,
// case-insensitively; written with the usual spellings and the regional ones (Javanese, Sundanese, Betawi).
const BOILERPLATE = new RegExp(
  [
    String.raw`ass?alamu?['’]?\s*alaikum(?:\s+(?:warahmatullahi|wr\.?)\s*(?:wabarakatuh|wb\.?)?)?`,
    String.raw`wass?alamu?['’]?\s*alaikum(?:\s+(?:warahmatullahi|wr\.?)\s*(?:wabarakatuh|wb\.?)?)?`,
    String.raw`wass?alam`,
    String.raw`salam\s+sejahtera`,
    String.raw`selamat\s+(?:pagi|siang|sore|malam)`,
    String.raw`dengan\s+hormat`,
    String.raw`(?:kepada\s+)?(?:yth\.?|yang\s+(?:ter)?hormat)`,
    String.raw`hormat\s+(?:saya|kami)`,
    String.raw`terima\s*kasih(?:\s+banyak)?(?:\s+atas\s+(?:perhatian|kerja\s*sama|bantuan|tanggapan)(?:nya)?)?`,
    String.raw`atas\s+perhatian(?:nya)?(?:\s+(?:saya|kami)\s+ucapkan)?`,
    String.raw`demikian(?:\s+(?:laporan|pengaduan|surat|keluhan|yang\s+dapat))?(?:\s+(?:ini|saya|kami))*(?:\s+(?:sampaikan|disampaikan))?`,
    String.raw`mohon\s+maaf(?:\s+(?:sebelumnya|mengganggu(?:\s+waktunya)?))?`,
    String.raw`matur\s+(?:nuwun|suwun)(?:\s+sanget)?`,
    String.raw`hatur\s+nuhun`,
    String.raw`ngapunten(?:\s+sanget)?`,
    String.raw`punten`,
    String.raw`permisi`,
  ].join('|'),
  'giu',
);
const BOILERPLATE_WHOLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${BOILERPLATE.source})(?![\p{L}\p{N}])`,
  'giu',
);

// A sentence that asks for action ("mohon segera diperbaiki", "tolong ditertibkan") names the office's job;
// the story before it often names other problems too.
const ACTION =
  /(?<![\p{L}])(?:mohon|dimohon|memohon|mhn|tolong|tlg|minta|meminta|harap|berharap|dihimbau|agar|supaya|segera|usul|mengusulkan|nyuwun|tulung|please|pls)(?![\p{L}])/iu;

/** Splits a text into its sentences (at . ! ? ; and line breaks), keeping their text. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether a text is a letter rather than a short message (its confidence uses the letters' temperature). */
export const isLetter = (text: string): boolean => text.length >= LETTER_CHARACTERS;

/** A letter's text without its greetings and closings; a short message is left as it is (thanks may be its point). */
export function withoutBoilerplate(text: string): string {
  if (!isLetter(text)) return text;
  return text.replace(BOILERPLATE_WHOLE, ' ');
}

/** Whether a sentence asks for action. */
export const asksForAction = (sentence: string): boolean => ACTION.test(sentence);

function addPairs(words: readonly string[], into: Set<string>): void {
  for (const w of words) into.add(w);
  for (let i = 0; i + 1 < words.length; i++) into.add(`${words[i]} ${words[i + 1]}`);
}

/**
 * The features of a complaint: its analysed words (normalised, slang expanded, stemmed, stop words dropped)
 * and adjacent word pairs ("pohon tumbang", "lampu mati"). A letter's greetings and closings are dropped first.
 * The words and pairs of a letter's title (its first line, when more follows) and of the sentences of a long text
 * that ask for action count EMPHASIS times: they are listed that many times (the model adds a feature's weight
 * once per mention); every other feature is listed once. Real letters tell a long story, often naming other
 * problems, before the one they ask the city to act on; the title and the request name it (docs/DECISIONS.md).
 * Every piece of text is analysed once.
 */
export function featuresOf(text: string): string[] {
  const bounded = text.length > MAX_ANALYSED_CHARACTERS ? text.slice(0, MAX_ANALYSED_CHARACTERS) : text;
  const cleaned = withoutBoilerplate(bounded);
  const newline = cleaned.indexOf('\n');
  const titled = newline > 0 && newline <= MAX_TITLE_CHARACTERS && cleaned.slice(newline).trim() !== '';
  if (!titled && cleaned.length < STORY_CHARACTERS) {
    const features = new Set<string>();
    addPairs(analyse(cleaned), features);
    return [...features];
  }
  // The text in pieces, each analysed once: the title, then the body whole or (a story) sentence by sentence.
  const pieces: { words: string[]; emphasised: boolean }[] = [];
  const body = titled ? cleaned.slice(newline + 1) : cleaned;
  if (titled) pieces.push({ words: analyse(cleaned.slice(0, newline)), emphasised: true });
  if (cleaned.length >= STORY_CHARACTERS)
    for (const sentence of sentencesOf(body))
      pieces.push({ words: analyse(sentence), emphasised: asksForAction(sentence) });
  else pieces.push({ words: analyse(body), emphasised: false });
  const features = new Set<string>();
  addPairs(
    pieces.flatMap((p) => p.words),
    features,
  );
  const emphasised = new Set<string>();
  for (const piece of pieces) if (piece.emphasised) addPairs(piece.words, emphasised);
  const out = [...features];
  for (let time = 1; time < EMPHASIS; time++) for (const f of emphasised) out.push(f);
  return out;
}
