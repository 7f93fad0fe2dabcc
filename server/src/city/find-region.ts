import type { City } from './city-types.js';
import { rankPlaces, rankText } from './find-place.js';
import type { OutsidePlace } from './find-outside.js';

export interface RegionMatch {
  /** Kelurahan code. */
  code: string;
  name: string;
  /** 0–1: how sure the matcher is; callers pick their own threshold. */
  confidence: number;
  /** The words of the text that named the kelurahan. */
  matched: string;
}

/**
 * The most likely kelurahan a free-text address or complaint names (see findPlace for how names are
 * matched and scored), even where findPlace answers with a kecamatan; null when no kelurahan is named or the
 * evidence is too weak.
 */
export function findRegionByName(city: City, text: string): RegionMatch | null {
  const match = rankPlaces(city, text).find((c) => c.level === 'kelurahan');
  return match
    ? { code: match.code, name: match.name, confidence: match.confidence, matched: match.matched }
    : null;
}

/** The kelurahan a text names (as findRegionByName), or the place outside the city it is about instead. */
export function locateByName(
  city: City,
  text: string,
): { kelurahan: RegionMatch | null; outside: OutsidePlace | null } {
  const { candidates, outside } = rankText(city, text);
  if (outside) return { kelurahan: null, outside };
  const match = candidates.find((c) => c.level === 'kelurahan');
  return {
    kelurahan: match
      ? { code: match.code, name: match.name, confidence: match.confidence, matched: match.matched }
      : null,
    outside: null,
  };
}
