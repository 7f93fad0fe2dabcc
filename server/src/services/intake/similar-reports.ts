import type { Insertable } from 'kysely';
import type { CityConfig } from '../../city/city-config-schema.js';
import type { SimilarRef } from '../../domain/report-events.js';
import { boundingBox, haversineMeters, jaccard, mustShareOneOf } from '../../domain/similarity.js';
import type { Store } from '../../store/database.js';
import type { ReportLinkTable } from '../../store/schema.js';
import type { CandidateQuery, SimilarCandidate } from '../../store/similar-queries.js';
import { distinctWords } from '../../text/index.js';

export type DuplicateSettings = CityConfig['duplicates'];

export interface SimilarProbe {
  category: string;
  lat: number | null;
  lng: number | null;
  kelurahanCode: string | null;
  /** The new report's distinct analysed words (`analyse`), as intake computed them once. */
  words: ReadonlySet<string>;
}

export const MAX_SIMILAR = 5;
/** Candidates read per branch: enough for a busy kelurahan's month of open reports, small enough to score fast. */
const NEARBY_CANDIDATES = 20;
const TEXT_CANDIDATES = 60;
/** Below this many distinct words a text match says little ("sampah" = "sampah"), so text alone never links. */
const MIN_TEXT_TOKENS = 3;
const DAY = 86_400_000;

/** A candidate's distinct words: its stored signature (distinct already), or its text analysed for older rows. */
const wordsOf = (c: SimilarCandidate): readonly string[] =>
  c.words !== null ? (c.words ? c.words.split(' ') : []) : [...distinctWords(c.text ?? '')];

/**
 * Ranks candidates into "laporan serupa": same category within the distance (nearest first), then same kelurahan
 * with text at least as similar as the threshold (highest first); at most MAX_SIMILAR.
 */
export function rankSimilar(
  probe: SimilarProbe,
  candidates: readonly SimilarCandidate[],
  settings: DuplicateSettings,
  now: Date,
): SimilarRef[] {
  const words = probe.words;
  const since = now.getTime() - settings.lookbackDays * DAY;
  const seen = new Set<string>();
  const found: SimilarRef[] = [];
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const distance =
      probe.lat !== null && probe.lng !== null && c.lat !== null && c.lng !== null
        ? haversineMeters(probe.lat, probe.lng, c.lat, c.lng)
        : null;
    const score = words.size >= MIN_TEXT_TOKENS ? jaccard(words, wordsOf(c)) : 0;
    const nearby =
      c.category_code === probe.category && distance !== null && distance <= settings.distanceMeters;
    const textual =
      score >= settings.textSimilarity &&
      probe.kelurahanCode !== null &&
      c.kelurahan_code === probe.kelurahanCode &&
      c.created_at.getTime() >= since;
    if (!nearby && !textual) continue;
    found.push({
      reportId: c.id,
      ticket: c.ticket,
      reason: nearby ? 'nearby' : 'text',
      ...(distance !== null ? { distanceMeters: Math.round(distance) } : {}),
      ...(score > 0 ? { score: Math.round(score * 100) / 100 } : {}),
    });
  }
  return found.sort(closestFirst).slice(0, MAX_SIMILAR);
}

function closestFirst(a: SimilarRef, b: SimilarRef): number {
  if (a.reason !== b.reason) return a.reason === 'nearby' ? -1 : 1;
  if (a.reason === 'nearby') return (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0);
  return (b.score ?? 0) - (a.score ?? 0);
}

/**
 * What intake reads for a new report: the nearby branch when it has coordinates, and the recent same-kelurahan
 * branch when its text is long enough to match on, narrowed to reports holding one of the words any match must
 * share (mustShareOneOf), so only plausible ones come back to be scored.
 */
export function candidateQuery(probe: SimilarProbe, settings: DuplicateSettings, now: Date): CandidateQuery {
  const words = probe.words;
  return {
    nearby:
      probe.lat !== null && probe.lng !== null
        ? {
            category: probe.category,
            box: boundingBox(probe.lat, probe.lng, settings.distanceMeters),
            lat: probe.lat,
            lng: probe.lng,
            limit: NEARBY_CANDIDATES,
          }
        : null,
    recent:
      probe.kelurahanCode && words.size >= MIN_TEXT_TOKENS
        ? {
            kelurahanCode: probe.kelurahanCode,
            since: new Date(now.getTime() - settings.lookbackDays * DAY),
            limit: TEXT_CANDIDATES,
            anyOf: mustShareOneOf(words, settings.textSimilarity),
          }
        : null,
  };
}

/** Open reports that look like the same problem as a new one: one read query, then exact scoring here. */
export async function findSimilarReports(
  store: Store,
  settings: DuplicateSettings,
  probe: SimilarProbe,
  now: Date,
): Promise<SimilarRef[]> {
  const query = candidateQuery(probe, settings, now);
  if (!query.nearby && !query.recent) return [];
  return rankSimilar(probe, await store.similarLookups.submit(query), settings, now);
}

/** The durable "laporan serupa" rows for a new report, written in the same statement as the report. */
export function linkRows(reportId: string, similar: SimilarRef[], now: Date): Insertable<ReportLinkTable>[] {
  return similar.map((s) => ({
    report_id: reportId,
    similar_report_id: s.reportId,
    reason: s.reason,
    distance_meters: s.distanceMeters ?? null,
    text_score: s.score ?? null,
    created_at: now,
  }));
}
