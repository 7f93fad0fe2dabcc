import type { Insertable, Kysely } from 'kysely';
import type { CityConfig } from '../city/city-config-schema.js';
import type { SimilarRef } from '../domain/report-events.js';
import { boundingBox, haversineMeters, jaccard } from '../domain/similarity.js';
import type { Database, ReportLinkTable } from '../store/schema.js';
import {
  type CandidateQuery,
  findSimilarCandidates,
  type SimilarCandidate,
} from '../store/similar-queries.js';
import { analyse } from '../text/index.js';

export type DuplicateSettings = CityConfig['duplicates'];

export interface SimilarProbe {
  category: string;
  lat: number | null;
  lng: number | null;
  kelurahanCode: string | null;
  text: string;
}

export const MAX_SIMILAR = 5;
/** Candidates read per branch: enough for a busy kelurahan's month of open reports, small enough to score fast. */
const NEARBY_CANDIDATES = 20;
const TEXT_CANDIDATES = 60;
/** Below this many distinct words a text match says little ("sampah" = "sampah"), so text alone never links. */
const MIN_TEXT_TOKENS = 3;
const DAY = 86_400_000;

const tokenSet = (text: string): Set<string> => new Set(analyse(text));
const wordsOf = (c: SimilarCandidate): Set<string> =>
  c.words !== null ? new Set(c.words ? c.words.split(' ') : []) : tokenSet(c.text ?? '');

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
  const words = tokenSet(probe.text);
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

/** What intake reads for a new report: the nearby and the recent same-kelurahan branches it can use. */
export function candidateQuery(probe: SimilarProbe, settings: DuplicateSettings, now: Date): CandidateQuery {
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
    recent: probe.kelurahanCode
      ? {
          kelurahanCode: probe.kelurahanCode,
          since: new Date(now.getTime() - settings.lookbackDays * DAY),
          limit: TEXT_CANDIDATES,
        }
      : null,
  };
}

/** Open reports that look like the same problem as a new one: one read query, then exact scoring here. */
export async function findSimilarReports(
  db: Kysely<Database>,
  settings: DuplicateSettings,
  probe: SimilarProbe,
  now: Date,
): Promise<SimilarRef[]> {
  const candidates = await findSimilarCandidates(db, candidateQuery(probe, settings, now));
  return rankSimilar(probe, candidates, settings, now);
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
