import type { City, Region } from './city-types.js';
import { addressTokens, SEPARATOR } from './address-tokens.js';
import { readOutside, type OutsidePlace } from './find-outside.js';
import { placeIndex, type PlaceRef } from './place-index.js';
import { findMentions, type Mention } from './place-mentions.js';
import { COMMON_WORDS } from './place-words.js';
import { regionAtLevel, regionChain } from './regions.js';

export type PlaceLevel = 'kelurahan' | 'kecamatan' | 'kota';

export interface PlaceCandidate {
  /** Region code at `level`. */
  code: string;
  name: string;
  level: PlaceLevel;
  /** 0–1: how sure the matcher is; callers pick their own threshold. */
  confidence: number;
  /** The words of the text that named the place. */
  matched: string;
}

export interface PlaceMatch extends PlaceCandidate {
  /** Up to three other places the text may mean, best first (never a region containing the top one). */
  alternatives: PlaceCandidate[];
}

// Scores by where the name stands; see findPlace for the reasoning.
const KELURAHAN_SCORE = {
  afterKelurahanWord: 0.75,
  bare: 0.55,
  sharedWithArea: 0.45,
  inStreetName: 0.25,
  commonWord: 0.15,
  /** An everyday word confirmed by its kecamatan ("Bangka, Mampang Prapatan"): still short of routing alone. */
  commonWordInItsKecamatan: 0.3,
};
const KECAMATAN_SCORE = { afterKecamatanWord: 0.55, afterKelurahanWord: 0.3, bare: 0.45, inStreetName: 0.2 };
const KOTA_SCORE = { named: 0.4, inStreetName: 0.15 };
const LANDMARK_SCORE = 0.65;
/** A place named less precisely is less certain. */
const WEIGHT = { family: 0.8, misspelt: [1, 0.85, 0.7] };
const BONUS = { sameKecamatan: 0.15, sameKota: 0.1 };
const PENALTY = {
  otherKecamatan: 0.6,
  otherKota: 0.5,
  outsideCity: 0.3,
  ambiguous: 0.75,
  conflictingKelurahan: 0.8,
};
/** A coarser answer can never be as sure as a kelurahan: it leaves more work for the office that gets it. */
const CAP: Record<PlaceLevel, number> = { kelurahan: 1, kecamatan: 0.55, kota: 0.4 };
/** Scores this close count as a tie. */
const TIE = 0.05;
const MIN_CONFIDENCE = 0.2;
const ALTERNATIVES = 3;
const SPECIFICITY: Record<PlaceLevel, number> = { kelurahan: 0, kecamatan: 1, kota: 2 };

interface Scored {
  region: Region;
  level: PlaceLevel;
  score: number;
  mention: Mention;
}

const isLevel = (level: Region['level']): level is PlaceLevel => level !== 'provinsi';

/**
 * Where free text (a complaint, an address) says the problem is, best guess first, e.g. "Jl. Cikini Raya 73,
 * Kel. Cikini, Kec. Menteng, Jakpus", "banjir di kebun jeruk jakbar", "sampah menumpuk dekat Stasiun
 * Manggarai". Names match with any case, punctuation and spacing, in abbreviated forms, with small spelling
 * mistakes (one edit from 6 letters, two from 10) and through region-aliases.csv and landmarks.csv.
 *
 * A kelurahan after "Kel." counts most, one inside a street name ("Jl. Kebon Sirih") least; a matching
 * kecamatan or kota raises the confidence and a conflicting one lowers it; a place outside the city
 * (Tangerang, Bekasi) lowers everything. A kecamatan or kota named without a kelurahan is answered at that
 * level, with a confidence capped below a kelurahan's. When the best kelurahan are tied, they are marked
 * down and the smallest region containing them all is offered (e.g. "Grogol, Kebayoran Lama" → the
 * kecamatan Kebayoran Lama, with Grogol Utara and Grogol Selatan as alternatives). Null when no place is
 * named or the evidence is too weak.
 */
export function findPlace(city: City, text: string): PlaceMatch | null {
  return bestOf(city, rankText(city, text).candidates);
}

/** Where a text is: a place of the city, or a place outside it (then no place of the city is offered). */
export interface TextLocation {
  place: PlaceMatch | null;
  outside: OutsidePlace | null;
}

/**
 * findPlace, told apart from a text about somewhere else in the country (see readOutside for when a name
 * elsewhere counts): "Tamansari Bandung", "Manggarai, Flores" and "kec. Tarumajaya" are outside the city,
 * "Manggarai" alone is the kelurahan.
 */
export function locateText(city: City, text: string): TextLocation {
  const { candidates, outside } = rankText(city, text);
  return outside ? { place: null, outside } : { place: bestOf(city, candidates), outside: null };
}

function bestOf(city: City, candidates: PlaceCandidate[]): PlaceMatch | null {
  const [top, ...rest] = candidates;
  if (!top) return null;
  const containsTop = new Set(regionChain(city, top.code).map((r) => r.code));
  return { ...top, alternatives: rest.filter((c) => !containsTop.has(c.code)).slice(0, ALTERNATIVES) };
}

/** Every place of the city the text may mean, at every level, best first. */
export function rankPlaces(city: City, text: string): PlaceCandidate[] {
  return rankText(city, text).candidates;
}

/**
 * The city's places a text may mean, best first, and the place outside the city it is about, if any (then
 * every place of the city is marked down).
 */
export function rankText(
  city: City,
  text: string,
): { candidates: PlaceCandidate[]; outside: OutsidePlace | null } {
  const tokens = addressTokens(text);
  const { outside, cityMentions: mentions } = readOutside(
    city,
    tokens,
    findMentions(tokens, placeIndex(city)),
  );
  const context = mentions.filter((m) => !m.inStreetName);
  const best = new Map<string, Scored>();
  const keep = (s: Scored) => {
    const seen = best.get(s.region.code);
    if (!seen || s.score > seen.score) best.set(s.region.code, s);
  };
  for (const m of mentions) {
    const others = context.filter((o) => o !== m);
    for (const ref of m.refs) {
      const region = ref.region;
      if (!region || !isLevel(region.level)) continue;
      const common = isCommonWord(m, tokens) && !namedWithItsArea(city, m, region, context, tokens);
      let score = baseScore(m, ref, region.level, common);
      if (score === null) continue;
      score = contextScore(city, region, score, others, common);
      if (outside) score *= PENALTY.outsideCity;
      keep({ region, level: region.level, score: Math.min(score, CAP[region.level]), mention: m });
    }
  }
  for (const level of ['kelurahan', 'kecamatan', 'kota'] as const) resolveTies(city, best, level, keep);
  const candidates = [...best.values()]
    .filter((s) => s.score >= MIN_CONFIDENCE)
    .sort(
      (a, b) =>
        b.score - a.score ||
        SPECIFICITY[a.level] - SPECIFICITY[b.level] ||
        a.mention.start - b.mention.start ||
        (a.region.code < b.region.code ? -1 : 1),
    )
    .map((s) => ({
      code: s.region.code,
      name: s.region.name,
      level: s.level,
      confidence: Math.round(s.score * 100) / 100,
      matched: tokens.slice(s.mention.start, s.mention.end).join(' '),
    }));
  return { candidates, outside };
}

/** The score of one place of a mention from where and how it is named; null when it cannot count. */
function baseScore(m: Mention, ref: PlaceRef, level: PlaceLevel, common: boolean): number | null {
  const exact = ref.kind !== 'family' && m.distance === 0;
  // a street named after a place says little, and a guessed one nothing
  if (m.inStreetName && !exact) return null;
  const weight = (WEIGHT.misspelt[m.distance] ?? 0) * (ref.kind === 'family' ? WEIGHT.family : 1);
  if (ref.kind === 'landmark')
    return (m.inStreetName ? KELURAHAN_SCORE.inStreetName : LANDMARK_SCORE) * weight;
  if (level === 'kota') return (m.inStreetName ? KOTA_SCORE.inStreetName : KOTA_SCORE.named) * weight;
  if (level === 'kecamatan') {
    const s = KECAMATAN_SCORE;
    if (m.inStreetName) return s.inStreetName * weight;
    return (
      (m.afterKecamatanWord ? s.afterKecamatanWord : m.afterKelurahanWord ? s.afterKelurahanWord : s.bare) *
      weight
    );
  }
  if (m.afterKecamatanWord) return null;
  const s = KELURAHAN_SCORE;
  const sharesSpan = m.refs.some(
    (r) => r.kind !== 'family' && r.region !== null && r.region.level !== 'kelurahan',
  );
  let score = m.afterKelurahanWord
    ? s.afterKelurahanWord
    : m.inStreetName
      ? s.inStreetName
      : sharesSpan
        ? s.sharedWithArea
        : s.bare;
  if (common) score = Math.min(score, s.commonWord);
  return score * weight;
}

/** A one-word kelurahan name that is also an everyday word, not labelled "Kel.". */
const isCommonWord = (m: Mention, tokens: string[]): boolean =>
  m.end - m.start === 1 && !m.afterKelurahanWord && COMMON_WORDS.has(tokens[m.start] ?? '');

/**
 * An everyday word followed at once (or after a comma) by the kecamatan or kota of a kelurahan of that name
 * is written as an address and names the kelurahan: "kapuk jakarta barat", "bungur, senen" (not "pohon kapuk
 * tumbang di jakarta barat").
 */
function namedWithItsArea(city: City, m: Mention, region: Region, context: Mention[], tokens: string[]) {
  if (region.level !== 'kelurahan') return false;
  const next = tokens[m.end] === SEPARATOR ? m.end + 1 : m.end;
  const areas = [
    regionAtLevel(city, region.code, 'kecamatan')?.code,
    regionAtLevel(city, region.code, 'kota')?.code,
  ];
  return context.some(
    (o) => o.start === next && o.refs.some((r) => r.kind !== 'family' && areas.includes(r.region?.code)),
  );
}

/**
 * Raises or lowers a score by the kecamatan and kota named elsewhere in the text; a kecamatan is also marked
 * down when a kelurahan outside it is named after "Kel.".
 */
function contextScore(city: City, region: Region, score: number, others: Mention[], common: boolean): number {
  if (region.level === 'kota') return score;
  const named = (level: PlaceLevel) =>
    others.flatMap((o) => o.refs.flatMap((r) => (r.region?.level === level ? [r.region.code] : [])));
  const kota = regionAtLevel(city, region.code, 'kota')?.code;
  if (region.level === 'kelurahan') {
    const kecamatan = regionAtLevel(city, region.code, 'kecamatan')?.code;
    const namedKecamatan = named('kecamatan');
    if (namedKecamatan.length > 0) {
      if (kecamatan && namedKecamatan.includes(kecamatan)) {
        score = (common ? KELURAHAN_SCORE.commonWordInItsKecamatan : score) + BONUS.sameKecamatan;
      } else score *= PENALTY.otherKecamatan;
    }
  } else {
    const labelledElsewhere = others.filter((o) => o.afterKelurahanWord && o.distance === 0);
    const kelurahan = labelledElsewhere.flatMap((o) => o.refs.filter((r) => r.region?.level === 'kelurahan'));
    if (kelurahan.length > 0 && !kelurahan.some((r) => r.region?.parentCode === region.code)) {
      score *= PENALTY.conflictingKelurahan;
    }
  }
  const namedKota = named('kota');
  if (namedKota.length > 0) {
    score = kota && namedKota.includes(kota) ? score + BONUS.sameKota : score * PENALTY.otherKota;
  }
  return score;
}

/**
 * When the best places of a level are tied, none of them is trusted alone: they are marked down and the
 * smallest region containing all of them is offered at the tied score (capped for its level).
 */
function resolveTies(city: City, best: Map<string, Scored>, level: PlaceLevel, keep: (s: Scored) => void) {
  const ranked = [...best.values()].filter((s) => s.level === level).sort((a, b) => b.score - a.score);
  const [top, second] = ranked;
  if (!top || !second || second.score < top.score - TIE) return;
  const tied = ranked.filter((s) => s.score >= top.score - TIE);
  const common = commonParent(
    city,
    tied.map((s) => s.region),
  );
  for (const s of tied) best.set(s.region.code, { ...s, score: s.score * PENALTY.ambiguous });
  if (common && isLevel(common.level)) {
    keep({
      region: common,
      level: common.level,
      score: Math.min(top.score, CAP[common.level]),
      mention: top.mention,
    });
  }
}

function commonParent(city: City, regions: Region[]): Region | null {
  const [first, ...rest] = regions;
  if (!first) return null;
  const chains = rest.map((r) => new Set(regionChain(city, r.code).map((p) => p.code)));
  return (
    regionChain(city, first.code).find((p) => p.code !== first.code && chains.every((c) => c.has(p.code))) ??
    null
  );
}
