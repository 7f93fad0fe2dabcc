import { SEPARATOR } from './address-tokens.js';
import type { City, OutsideLevel, OutsideRegion } from './city-types.js';
import { outsideIndex, type OutsideRef } from './outside-index.js';
import { contextAt, type Mention } from './place-mentions.js';
import {
  EVERYDAY_PLACE_NAMES,
  GOVERNMENT_WORDS,
  KECAMATAN_WORDS,
  KOTA_WORDS,
  NOT_HERE_WORDS,
  PROVINCE_WORDS,
} from './place-words.js';

/** A place outside the city that a text is about. */
export interface OutsidePlace {
  /** Region code elsewhere; null for a region-aliases.csv name coded `-` that the country list lacks. */
  code: string | null;
  name: string;
  level: OutsideLevel | null;
  /** The words of the text that named it. */
  matched: string;
}

export interface OutsideReading {
  outside: OutsidePlace | null;
  /** The city's mentions, less those a longer or exact name elsewhere covers ("Lebak" in "Kab. Lebak" stays). */
  cityMentions: Mention[];
}

interface OutsideMention {
  start: number;
  end: number;
  refs: OutsideRef[];
  /** The same words name a place of the city too ("Manggarai", "Gambir"): not enough alone. */
  shared: boolean;
  /** A region-aliases.csv name coded `-`: the city's own data says it lies outside. */
  cityAlias: boolean;
}

interface Evidence {
  region: OutsideRegion;
  mention: number;
  strong: boolean;
}

const DEPTH: Record<OutsideLevel, number> = { provinsi: 0, kota: 1, kecamatan: 2 };

/**
 * Whether a text is about a place outside the city, and which. Precision first: a report sent to triage
 * loses a little time, one routed to a lurah of a same-name kelurahan is lost. So a name counts alone
 * ("strong") only when it cannot be read otherwise:
 * - a province, kabupaten or kota named in full ("Kabupaten Bekasi"), after a label ("Kab.", "Kota",
 *   "Pemkot", "Prov.") or bare when no place of the city has that name and it is no everyday word ("Batam",
 *   "Jambi", "NTT", but not "Gambir", "Manggarai" or "Malang");
 * - a kecamatan after "Kec." that no place of the city shares ("kec. Tarumajaya");
 * - a region-aliases.csv name coded `-` (Jakarta: Bekasi, Depok, Ciledug …).
 * Any other name elsewhere (a bare kecamatan, a same-name kelurahan, an everyday word) counts only inside or
 * around a strong one ("Manggarai, Flores" → Kabupaten Manggarai; "Kab. Bekasi, Cikarang Utara" → the
 * kecamatan). Nothing counts inside a street name ("Jl. Raya Bogor"), after "Kel."/"Desa", or after a word
 * saying where something goes or comes from or what kind it is ("arah Bekasi", "dari Bogor", "soto Lamongan").
 * The answer is the place most of the text's outside names agree with, the most precise first ("Kab. Bekasi,
 * Cikarang Utara" → the kecamatan); one name for a region and a part of it means the region ("Makassar" → the
 * kota, "Jambi" → the province); a bare name shared by a kota and a kabupaten ("Bekasi") is read as the kota.
 */
export function readOutside(city: City, tokens: string[], mentions: Mention[]): OutsideReading {
  const { found, cityMentions } = outsideMentions(city, tokens, mentions);
  const evidence = found.flatMap((m, i) => evidenceOf(m, i, tokens));
  const strong = evidence.filter((e) => e.strong);
  if (strong.length === 0) return { outside: nameless(found, tokens), cityMentions };
  const chain = (r: OutsideRegion) => chainOf(city, r);
  const related = (a: OutsideRegion, b: OutsideRegion) =>
    chain(a).includes(b.code) || chain(b).includes(a.code);
  const confirmed = evidence.filter((e) => e.strong || strong.some((s) => related(s.region, e.region)));
  // one name for a region and a part of it ("Makassar": the kota and its kecamatan) means the region
  const candidates = confirmed.filter(
    (c) =>
      !confirmed.some((a) => a !== c && a.mention === c.mention && chain(c.region).includes(a.region.code)),
  );
  const support = (c: Evidence) =>
    new Set(candidates.filter((e) => related(e.region, c.region)).map((e) => e.mention)).size;
  const best = candidates
    .map((c) => ({ c, support: support(c) }))
    .sort(
      (a, b) =>
        b.support - a.support ||
        DEPTH[b.c.region.level] - DEPTH[a.c.region.level] ||
        Number(isKota(b.c.region)) - Number(isKota(a.c.region)) ||
        a.c.mention - b.c.mention ||
        (a.c.region.code < b.c.region.code ? -1 : 1),
    )[0]?.c;
  if (!best) return { outside: null, cityMentions };
  const m = found[best.mention];
  return {
    outside: {
      code: best.region.code,
      name: best.region.name,
      level: best.region.level,
      matched: m ? tokens.slice(m.start, m.end).join(' ') : '',
    },
    cityMentions,
  };
}

const isKota = (r: OutsideRegion) => r.level === 'kota' && /^kota /i.test(r.name);

const chains = new WeakMap<OutsideRegion, string[]>();
function chainOf(city: City, region: OutsideRegion): string[] {
  let chain = chains.get(region);
  if (!chain) {
    chain = [];
    for (
      let r: OutsideRegion | undefined = region;
      r;
      r = r.parentCode ? city.elsewhere?.regions.get(r.parentCode) : undefined
    )
      chain.push(r.code);
    chains.set(region, chain);
  }
  return chain;
}

/** A region-aliases.csv name coded `-` that the country list does not know: outside, but no code to give. */
function nameless(found: OutsideMention[], tokens: string[]): OutsidePlace | null {
  const m = found.find((f) => f.cityAlias && f.refs.length === 0 && counts(tokens, f.start));
  if (!m) return null;
  const matched = tokens.slice(m.start, m.end).join(' ');
  return { code: null, name: matched, level: null, matched };
}

function evidenceOf(m: OutsideMention, mention: number, tokens: string[]): Evidence[] {
  if (!counts(tokens, m.start)) return [];
  const context = contextAt(tokens, m.start);
  const afterProvinceWord = PROVINCE_WORDS.has(tokens[m.start - 1] ?? '');
  const everyday = EVERYDAY_PLACE_NAMES.has(tokens.slice(m.start, m.end).join(' '));
  const plain = !m.shared && !everyday && !context.afterKecamatanWord;
  return m.refs.map(({ region, kind }) => {
    const strong =
      m.cityAlias ||
      (region.level === 'kecamatan'
        ? context.afterKecamatanWord && !m.shared
        : region.level === 'kota'
          ? kind === 'official' || context.afterKotaWord || plain
          : afterProvinceWord || plain);
    return { region, mention, strong };
  });
}

/** Whether a name at `start` may say where the problem is: not in a street name, after "Kel." or "arah". */
function counts(tokens: string[], start: number): boolean {
  const context = contextAt(tokens, start);
  if (context.inStreetName || context.afterKelurahanWord) return false;
  let i = start - 1;
  const label = tokens[i] ?? SEPARATOR;
  if (GOVERNMENT_WORDS.has(label)) return true;
  if (KOTA_WORDS.has(label) || KECAMATAN_WORDS.has(label) || PROVINCE_WORDS.has(label)) i--;
  return !NOT_HERE_WORDS.has(tokens[i] ?? SEPARATOR);
}

/**
 * Exact names elsewhere in the tokens, set against the city's mentions of the same words: a longer name wins
 * ("Lebak Bulus" over the kabupaten Lebak, "Kota Makassar" over a misspelt Makasar), an exact one over a
 * misspelt one, and the same words naming both make the name elsewhere `shared`.
 */
function outsideMentions(
  city: City,
  tokens: string[],
  mentions: Mention[],
): { found: OutsideMention[]; cityMentions: Mention[] } {
  const index = outsideIndex(city);
  const exact: OutsideMention[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < tokens.length && end - start < index.maxTokens; end++) {
      if (tokens[end] === SEPARATOR) break;
      key += tokens[end];
      const refs = index.byKey.get(key);
      if (refs) exact.push({ start, end: end + 1, refs, shared: false, cityAlias: false });
    }
  }
  const isCity = (m: Mention) => m.refs.some((r) => r.region !== null);
  for (const m of mentions) {
    if (isCity(m)) continue;
    // a region-aliases.csv name coded `-`: resolved to the country list's region of that name when it has one
    const key = tokens.slice(m.start, m.end).join('');
    const same = exact.find((o) => o.start === m.start && o.end === m.end);
    if (same) same.cityAlias = true;
    else
      exact.push({
        start: m.start,
        end: m.end,
        refs: index.byKey.get(key) ?? [],
        shared: false,
        cityAlias: true,
      });
  }
  const longest = exact.filter(
    (o) =>
      !exact.some(
        (p) => p !== o && p.start <= o.start && p.end >= o.end && p.end - p.start > o.end - o.start,
      ),
  );
  const found: OutsideMention[] = [];
  for (const o of longest) {
    const covering = mentions.filter((c) => isCity(c) && c.start <= o.start && c.end >= o.end);
    if (covering.some((c) => c.end - c.start > o.end - o.start)) continue;
    found.push({ ...o, shared: covering.some((c) => c.distance === 0) });
  }
  // a name that cannot count here ("Kel. Jatinagara": a misspelt Jatinegara, not the kecamatan in Ciamis)
  // hides nothing of the city
  const counting = found.filter((o) => counts(tokens, o.start));
  const cityMentions = mentions.filter(
    (c) =>
      !isCity(c) ||
      !counting.some(
        (o) =>
          o.start <= c.start &&
          o.end >= c.end &&
          (o.end - o.start > c.end - c.start || (c.distance > 0 && o.start === c.start && o.end === c.end)),
      ),
  );
  return { found, cityMentions };
}
