import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { type EvidenceFlag, metadataFlags } from '../domain/evidence-flags.js';
import type { ReportState } from '../domain/report-state.js';
import { findSameFiles, findSimilarPhotos, type PhotoMatch } from '../store/photo-matches.js';
import type { EvidenceFlagTable } from '../store/schema.js';
import type { AppContext } from './app-context.js';
import type { IngestedMedia } from './media-service.js';

/**
 * Checks freshly ingested follow-up evidence for reuse (the same or a near-identical photo on another report)
 * and for metadata that contradicts the report. Reads only; the rows are inserted with the follow-up.
 */
export async function evidenceFlagRows(
  ctx: AppContext,
  report: ReportState,
  media: IngestedMedia[],
  receivedAt: Date,
): Promise<Insertable<EvidenceFlagTable>[]> {
  const perItem = await Promise.all(
    media.map(async (m) => {
      const flags = await reuseFlags(ctx, report.id, m);
      if (m.kind === 'photo' && m.provenance)
        flags.push(...metadataFlags({ ...m.capture, ...m.provenance }, report, receivedAt));
      return flags.map((flag) => ({
        id: randomUUID(),
        report_id: report.id,
        attachment_id: m.id,
        code: flag.code,
        level: flag.level,
        detail: JSON.stringify(flag.detail),
        created_at: receivedAt,
      }));
    }),
  );
  return perItem.flat();
}

/** One flag per earlier report: byte-identical files first, then the closest perceptual match. */
async function reuseFlags(ctx: AppContext, reportId: string, m: IngestedMedia): Promise<EvidenceFlag[]> {
  const db = ctx.store.db;
  const [same, similar] = await Promise.all([
    findSameFiles(db, reportId, m.sha256),
    m.fingerprint ? findSimilarPhotos(db, reportId, m.fingerprint) : Promise.resolve([]),
  ]);
  const flagged = new Set<string>();
  const flags: EvidenceFlag[] = [];
  for (const match of same) {
    if (flagged.has(match.ticket)) continue;
    flagged.add(match.ticket);
    flags.push({ code: 'duplicate_file', level: 'warning', detail: reuse(match) });
  }
  for (const match of similar) {
    if (flagged.has(match.ticket)) continue;
    flagged.add(match.ticket);
    flags.push({
      code: 'similar_photo',
      level: 'warning',
      detail: { ...reuse(match), distance: match.distance },
    });
  }
  return flags;
}

function reuse(match: PhotoMatch) {
  return { ticket: match.ticket, role: match.role, usedAt: match.usedAt.toISOString() };
}
