/**
 * Whether a citizen wrote in English or Indonesian, to answer them in their language: a count of very common
 * function words of each (not content words, which the two share as loans: "jalan", "traffic light"). English
 * only when it has at least two such words and more of them than Indonesian; anything else (a short message, a
 * mix, another language) is Indonesian, the city's language. Documented in docs/channels/README.md.
 */
export type Language = 'id' | 'en';

const EN = new Set(
  'the a an is are was were be been there this that these those it its of in on at to for from with and or but not no please my our your i we you he she they have has had do does did can could will would should street road near since'.split(
    ' ',
  ),
);
const ID = new Set(
  'yang di ke dari dan atau tidak tak bukan ada ini itu sudah belum sejak dengan untuk pada saya kami kita anda mohon tolong jalan dekat depan sangat sekali sedang akan bisa karena juga lagi masih'.split(
    ' ',
  ),
);

export function guessLanguage(text: string): Language {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  let en = 0;
  let id = 0;
  for (const word of words) {
    if (EN.has(word)) en += 1;
    if (ID.has(word)) id += 1;
  }
  return en >= 2 && en > id ? 'en' : 'id';
}
