import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { type EvidenceFlag, type LaterReuse, metadataFlags } from '../../domain/evidence-flags.js';
import type { ReportState } from '../../domain/report-state.js';
import {
  type EvidenceApproval,
  findEvidenceApprovals,
  insertEvidenceFlags,
} from '../../store/evidence-flag-repository.js';
import { findSameFiles, findSimilarPhotos, type PhotoMatch } from '../../store/photo-matches.js';
import type { Database, EvidenceFlagTable } from '../../store/schema.js';
import { insertStaffNotices } from '../../store/staff-notice-repository.js';
import type { AppContext } from '../app/app-context.js';
import type { IngestedMedia } from '../intake/media-service.js';
import type { ApprovedEvidenceReused } from './staff-notices.js';

type FlagRow = Insertable<EvidenceFlagTable>;

/**
 * Checks freshly ingested follow-up evidence for reuse (the same or a near-identical photo on another report)
 * and for metadata that contradicts the report. Reads only; the rows are stored with the follow-up by
 * recordEvidenceFlags. Reuse is flagged both ways: on this report (naming the earlier one) and on every earlier
 * report whose photo came back (`reused_later_on`, naming this one), so whoever looks at either sees it.
 */
export async function evidenceFlagRows(
  ctx: AppContext,
  report: ReportState,
  media: IngestedMedia[],
  receivedAt: Date,
): Promise<FlagRow[]> {
  const row = (reportId: string, attachmentId: string, flag: EvidenceFlag): FlagRow => ({
    id: randomUUID(),
    report_id: reportId,
    attachment_id: attachmentId,
    code: flag.code,
    level: flag.level,
    detail: JSON.stringify(flag.detail),
    created_at: receivedAt,
  });
  // per photo of another report that came back: its strongest match among this follow-up's photos
  const reusedPhotos = new Map<string, Matched>();
  const perItem = await Promise.all(
    media.map(async (m) => {
      const matches = await photoMatches(ctx, report.id, m);
      for (const match of [...matches.same, ...matches.similar]) {
        const known = reusedPhotos.get(match.attachmentId);
        if (!known || stronger(match, known)) reusedPhotos.set(match.attachmentId, match);
      }
      const flags = reuseFlags(matches);
      if (m.kind === 'photo' && m.provenance)
        flags.push(...metadataFlags({ ...m.capture, ...m.provenance }, report, receivedAt));
      return flags.map((flag) => row(report.id, m.id, flag));
    }),
  );
  const laterOn = [...reusedPhotos.values()].map((match) =>
    row(match.reportId, match.attachmentId, {
      code: 'reused_later_on',
      level: 'warning',
      detail: {
        ticket: report.ticket,
        role: match.role,
        usedAt: receivedAt.toISOString(),
        sameFile: match.sameFile,
        distance: match.distance,
      },
    }),
  );
  return [...perItem.flat(), ...laterOn];
}

/**
 * Stores the flags of evidenceFlagRows inside the follow-up's transaction. Where a reused photo was evidence
 * that a verifier had already approved, that verifier gets a notice (services/handling/staff-notices.ts): one per earlier
 * report, naming this report's ticket.
 */
export async function recordEvidenceFlags(db: Kysely<Database>, rows: FlagRow[]): Promise<void> {
  await insertEvidenceFlags(db, rows);
  const laterOn = rows
    .filter((r) => r.code === 'reused_later_on')
    .map((row) => ({ row, reuse: JSON.parse(row.detail) as LaterReuse }))
    .filter(({ reuse }) => reuse.role === 'evidence');
  const approvals = await findEvidenceApprovals(
    db,
    laterOn.map(({ row }) => ({ reportId: row.report_id, attachmentId: row.attachment_id })),
  );
  // one notice per verifier and earlier report, about the strongest of its approved photos that came back
  const notices = new Map<string, { approval: EvidenceApproval; row: FlagRow; reuse: LaterReuse }>();
  for (const approval of approvals) {
    const flagged = laterOn.find(
      ({ row }) => row.report_id === approval.reportId && row.attachment_id === approval.attachmentId,
    );
    if (!flagged) continue;
    const key = `${approval.approverId}|${approval.reportId}`;
    const known = notices.get(key);
    if (!known || stronger(flagged.reuse, known.reuse)) notices.set(key, { approval, ...flagged });
  }
  await insertStaffNotices(
    db,
    [...notices.values()].map(({ approval, row, reuse }) => ({
      id: randomUUID(),
      recipient_id: approval.approverId,
      report_id: approval.reportId,
      kind: 'approved_evidence_reused' as const,
      detail: JSON.stringify(approvedEvidenceReused(reuse)),
      created_at: row.created_at,
      read_at: null,
    })),
  );
}

function approvedEvidenceReused(reuse: LaterReuse): ApprovedEvidenceReused {
  return { ticket: reuse.ticket, usedAt: reuse.usedAt, sameFile: reuse.sameFile, distance: reuse.distance };
}

type Matched = PhotoMatch & { sameFile: boolean };

interface Matches {
  same: Array<PhotoMatch & { sameFile: true }>;
  similar: Array<PhotoMatch & { sameFile: false }>;
}

async function photoMatches(ctx: AppContext, reportId: string, m: IngestedMedia): Promise<Matches> {
  const db = ctx.store.db;
  const [same, similar] = await Promise.all([
    findSameFiles(db, reportId, m.sha256),
    m.fingerprint ? findSimilarPhotos(db, reportId, m.fingerprint) : Promise.resolve([]),
  ]);
  return {
    same: same.map((match) => ({ ...match, sameFile: true as const })),
    similar: similar.map((match) => ({ ...match, sameFile: false as const })),
  };
}

/** Byte-identical files first, then the smaller distance. */
function stronger(a: { sameFile: boolean; distance: number }, b: { sameFile: boolean; distance: number }) {
  return a.sameFile !== b.sameFile ? a.sameFile : a.distance < b.distance;
}

/** One flag per earlier report: byte-identical files first, then the closest perceptual match. */
function reuseFlags({ same, similar }: Matches): EvidenceFlag[] {
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
