/**
 * Signs that follow-up evidence may not show the work it claims to show. A flag is a hint for the verifier,
 * never a verdict: the evidence is stored and the follow-up recorded either way.
 */
import { haversineMeters } from './similarity.js';

export type EvidenceFlagLevel = 'warning' | 'info';

/** Dates in details are ISO strings: flags are stored as JSON and read back as they were written. */
export type EvidenceFlag =
  | { code: 'duplicate_file'; level: 'warning'; detail: PhotoReuse }
  | { code: 'similar_photo'; level: 'warning'; detail: PhotoReuse & { distance: number } }
  | { code: 'reused_later_on'; level: 'warning'; detail: LaterReuse }
  | { code: 'taken_before_report'; level: 'warning'; detail: { takenAt: string; reportCreatedAt: string } }
  | { code: 'taken_in_future'; level: 'warning'; detail: { takenAt: string; receivedAt: string } }
  | { code: 'taken_far_away'; level: 'warning'; detail: { distanceMeters: number; limitMeters: number } }
  | { code: 'generator_software'; level: 'warning'; detail: { software: string[] } }
  | { code: 'editing_software'; level: 'info'; detail: { software: string[] } }
  | { code: 'no_camera_metadata'; level: 'info'; detail: Record<string, never> };

export type EvidenceFlagCode = EvidenceFlag['code'];

/** Every code and its level (complete by type), for API documentation. */
export const EVIDENCE_FLAG_LEVELS: Readonly<Record<EvidenceFlagCode, EvidenceFlagLevel>> = Object.freeze({
  duplicate_file: 'warning',
  similar_photo: 'warning',
  reused_later_on: 'warning',
  taken_before_report: 'warning',
  taken_in_future: 'warning',
  taken_far_away: 'warning',
  generator_software: 'warning',
  editing_software: 'info',
  no_camera_metadata: 'info',
});

/** Another report's photo that this evidence repeats: only its ticket, never anything about its reporter. */
export interface PhotoReuse {
  ticket: string;
  /** Whether the earlier photo was the citizen's report photo or another follow-up's evidence. */
  role: 'report' | 'evidence';
  usedAt: string;
}

/**
 * The other direction, flagged on the earlier report: one of its photos has since come back as another report's
 * follow-up evidence. Again only that report's ticket.
 */
export interface LaterReuse {
  /** The later report whose follow-up evidence repeats this photo. */
  ticket: string;
  /** Which photo of this report was repeated: the citizen's report photo or follow-up evidence. */
  role: 'report' | 'evidence';
  /** When the later evidence was uploaded. */
  usedAt: string;
  /** Byte-identical files (then distance is 0). */
  sameFile: boolean;
  /** The Hamming distance of the perceptual hashes, of 64 bits. */
  distance: number;
}

/**
 * Defaults in one place (the city config holds no media or evidence settings). Phone clocks are network-synced,
 * so ten minutes covers drift. A report's pin and the work site may be a few streets apart and phone GPS errs by
 * tens of metres; 1 km leaves room for both while still catching a photo from another neighbourhood.
 */
export interface EvidenceRules {
  clockToleranceMinutes: number;
  maxDistanceMeters: number;
}

export const DEFAULT_EVIDENCE_RULES: Readonly<EvidenceRules> = Object.freeze({
  clockToleranceMinutes: 10,
  maxDistanceMeters: 1000,
});

export interface EvidenceMetadata {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
  camera: string | null;
  generators: string[];
  editors: string[];
}

export interface ReportPlace {
  createdAt: Date;
  lat: number | null;
  lng: number | null;
}

/** What the photo's own metadata contradicts: capture time, capture place, the software that made it. */
export function metadataFlags(
  photo: EvidenceMetadata,
  report: ReportPlace,
  receivedAt: Date,
  rules: EvidenceRules = DEFAULT_EVIDENCE_RULES,
): EvidenceFlag[] {
  const flags: EvidenceFlag[] = [];
  const tolerance = rules.clockToleranceMinutes * 60_000;
  if (photo.generators.length)
    flags.push({ code: 'generator_software', level: 'warning', detail: { software: photo.generators } });
  if (photo.takenAt && photo.takenAt.getTime() < report.createdAt.getTime() - tolerance)
    flags.push({
      code: 'taken_before_report',
      level: 'warning',
      detail: { takenAt: photo.takenAt.toISOString(), reportCreatedAt: report.createdAt.toISOString() },
    });
  if (photo.takenAt && photo.takenAt.getTime() > receivedAt.getTime() + tolerance)
    flags.push({
      code: 'taken_in_future',
      level: 'warning',
      detail: { takenAt: photo.takenAt.toISOString(), receivedAt: receivedAt.toISOString() },
    });
  if (photo.lat !== null && photo.lng !== null && report.lat !== null && report.lng !== null) {
    const meters = haversineMeters(photo.lat, photo.lng, report.lat, report.lng);
    if (meters > rules.maxDistanceMeters)
      flags.push({
        code: 'taken_far_away',
        level: 'warning',
        detail: { distanceMeters: Math.round(meters), limitMeters: rules.maxDistanceMeters },
      });
  }
  if (photo.editors.length)
    flags.push({ code: 'editing_software', level: 'info', detail: { software: photo.editors } });
  // Chat apps strip EXIF from every photo they pass on, so this alone proves nothing.
  if (!photo.camera && !photo.takenAt && photo.lat === null)
    flags.push({ code: 'no_camera_metadata', level: 'info', detail: {} });
  return flags;
}
