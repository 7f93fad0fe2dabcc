import type { City, Region } from './city-types.js';
import { addressTokens, nameTokens, SEPARATOR } from './address-tokens.js';
import { regionAtLevel } from './regions.js';

export interface RegionMatch {
  /** Kelurahan code. */
  code: string;
  name: string;
  /** 0–1: how sure the matcher is; callers pick their own threshold. */
  confidence: number;
  /** The words of the address that named the kelurahan. */
  matched: string;
}

// Indonesian address words (language, not city data).
const KELURAHAN_WORDS = new Set(['kel', 'kelurahan', 'desa', 'ds']);
const KECAMATAN_WORDS = new Set(['kec', 'kecamatan', 'kcm']);
const STREET_WORDS = new Set(['jl', 'jln', 'jalan', 'gg', 'gang']);
// Kelurahan names that are also everyday words; alone they count only after "Kel.".
const COMMON_WORDS = new Set([
  'baru',
  'tengah',
  'gunung',
  'pulo',
  'jati',
  'dukuh',
  'gedong',
  'setu',
  'kartini',
]);
const ADMIN_PREFIX = /^(kota|kabupaten)( administrasi)? /i;

const SCORE = {
  afterKelurahanWord: 0.75,
  bare: 0.55,
  sharedWithArea: 0.45,
  inStreetName: 0.25,
  commonWord: 0.15,
};
const BONUS = { sameKecamatan: 0.15, sameKota: 0.1 };
const PENALTY = { otherKecamatan: 0.6, otherKota: 0.5, outsideCity: 0.3, ambiguous: 0.75 };
const MIN_CONFIDENCE = 0.2;

type Place = { kind: 'region'; region: Region } | { kind: 'outside' };

interface Gazetteer {
  byKey: Map<string, Place[]>;
  maxTokens: number;
}

interface Mention {
  start: number;
  end: number;
  places: Place[];
  afterKelurahanWord: boolean;
  afterKecamatanWord: boolean;
  inStreetName: boolean;
}

const gazetteers = new WeakMap<City, Gazetteer>();

// Keys ignore spaces, so "Pulogadung" matches "Pulo Gadung" and "Kramat Jati" matches "Kramatjati".
function gazetteer(city: City): Gazetteer {
  const cached = gazetteers.get(city);
  if (cached) return cached;
  const byKey = new Map<string, Place[]>();
  let maxTokens = 1;
  const add = (name: string, place: Place) => {
    const tokens = nameTokens(name);
    if (tokens.length === 0) return;
    maxTokens = Math.max(maxTokens, tokens.length);
    const key = tokens.join('');
    const list = byKey.get(key) ?? [];
    if (!list.some((p) => samePlace(p, place))) list.push(place);
    byKey.set(key, list);
  };
  for (const region of city.regions.values()) {
    if (region.level === 'provinsi') continue;
    add(region.name, { kind: 'region', region });
    if (region.level === 'kota') add(region.name.replace(ADMIN_PREFIX, ''), { kind: 'region', region });
  }
  for (const { alias, code } of city.regionAliases) {
    const region = code === null ? undefined : city.regions.get(code);
    add(alias, region ? { kind: 'region', region } : { kind: 'outside' });
  }
  // Addresses may split or join words differently from the data, so allow two extra tokens.
  const built = { byKey, maxTokens: maxTokens + 2 };
  gazetteers.set(city, built);
  return built;
}

const samePlace = (a: Place, b: Place): boolean =>
  a.kind === b.kind && (a.kind === 'outside' || (b.kind === 'region' && a.region.code === b.region.code));

/** All longest place-name mentions in the tokens; a name inside a longer matched name is dropped. */
function findMentions(tokens: string[], gaz: Gazetteer): Mention[] {
  const found: Mention[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < tokens.length && end - start < gaz.maxTokens; end++) {
      const token = tokens[end] ?? SEPARATOR;
      if (token === SEPARATOR) break;
      key += token;
      const places = gaz.byKey.get(key);
      if (places) found.push({ start, end: end + 1, places, ...context(tokens, start) });
    }
  }
  return found.filter(
    (m) =>
      !found.some(
        (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
      ),
  );
}

function context(tokens: string[], start: number) {
  const before = tokens[start - 1] ?? SEPARATOR;
  let inStreetName = false;
  for (let i = start - 1; i >= 0 && tokens[i] !== SEPARATOR; i--) {
    if (STREET_WORDS.has(tokens[i] ?? '')) inStreetName = true;
  }
  return {
    afterKelurahanWord: KELURAHAN_WORDS.has(before),
    afterKecamatanWord: KECAMATAN_WORDS.has(before),
    inStreetName,
  };
}

const regionsIn = (m: Mention, level: Region['level']): Region[] =>
  m.places.flatMap((p) => (p.kind === 'region' && p.region.level === level ? [p.region] : []));

/**
 * Best guess of the kelurahan a free-text address names, e.g. "Jl. Cikini Raya 73, Kel. Cikini, Kec. Menteng,
 * Jakarta Pusat". Exact names only (after normalising case, punctuation and spacing, plus region-aliases.csv):
 * no spelling correction. A kelurahan after "Kel." counts most, one inside a street name ("Jl. Kebon Sirih")
 * least; a matching kecamatan or kota raises the confidence and a conflicting one lowers it. Null when no
 * kelurahan is named or the evidence is too weak.
 */
export function findRegionByName(city: City, text: string): RegionMatch | null {
  const tokens = addressTokens(text);
  const mentions = findMentions(tokens, gazetteer(city));
  const context = mentions.filter((m) => !m.inStreetName);
  const candidates: { region: Region; score: number; mention: Mention }[] = [];
  for (const m of mentions) {
    if (m.afterKecamatanWord) continue;
    for (const region of regionsIn(m, 'kelurahan')) {
      const others = context.filter((o) => o !== m);
      candidates.push({ region, score: scoreOf(city, region, m, others, tokens), mention: m });
    }
  }
  const best = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) {
    const seen = best.get(c.region.code);
    if (!seen || c.score > seen.score) best.set(c.region.code, c);
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.mention.start - b.mention.start);
  const [top, second] = ranked;
  if (!top) return null;
  let confidence = top.score;
  if (second && second.score >= top.score - 0.05) confidence *= PENALTY.ambiguous;
  if (confidence < MIN_CONFIDENCE) return null;
  return {
    code: top.region.code,
    name: top.region.name,
    confidence: Math.round(Math.min(1, confidence) * 100) / 100,
    matched: tokens.slice(top.mention.start, top.mention.end).join(' '),
  };
}

function scoreOf(city: City, kelurahan: Region, m: Mention, others: Mention[], tokens: string[]): number {
  const sharesSpan = regionsIn(m, 'kecamatan').length > 0 || regionsIn(m, 'kota').length > 0;
  const single = m.end - m.start === 1 && COMMON_WORDS.has(tokens[m.start] ?? '');
  let score = m.afterKelurahanWord
    ? SCORE.afterKelurahanWord
    : m.inStreetName
      ? SCORE.inStreetName
      : sharesSpan
        ? SCORE.sharedWithArea
        : SCORE.bare;
  if (single && !m.afterKelurahanWord) score = Math.min(score, SCORE.commonWord);

  const kecamatan = regionAtLevel(city, kelurahan.code, 'kecamatan')?.code;
  const kota = regionAtLevel(city, kelurahan.code, 'kota')?.code;
  const namedKecamatan = others.flatMap((o) => regionsIn(o, 'kecamatan')).map((r) => r.code);
  const namedKota = others.flatMap((o) => regionsIn(o, 'kota')).map((r) => r.code);
  if (namedKecamatan.length > 0) {
    score =
      kecamatan && namedKecamatan.includes(kecamatan)
        ? score + BONUS.sameKecamatan
        : score * PENALTY.otherKecamatan;
  }
  if (namedKota.length > 0) {
    score = kota && namedKota.includes(kota) ? score + BONUS.sameKota : score * PENALTY.otherKota;
  }
  if (others.some((o) => o.places.some((p) => p.kind === 'outside'))) score *= PENALTY.outsideCity;
  return score;
}
