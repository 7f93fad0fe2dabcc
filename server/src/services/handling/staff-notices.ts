import { DomainError } from '../../domain/domain-error.js';
import type { LaterReuse } from '../../domain/evidence-flags.js';
import type { Text } from '../../domain/text.js';
import { decodeCursor } from '../../store/keyset.js';
import type { StaffUser } from '../../store/people-repository.js';
import {
  listUnreadNotices,
  markNoticeRead,
  type StaffNoticeRow,
} from '../../store/staff-notice-repository.js';
import type { AppContext } from '../app/app-context.js';
import { localTime } from '../reads/evidence-flag-view.js';

/**
 * Notices for one staff member. Today one kind: `approved_evidence_reused`, written with a follow-up whose photo
 * repeats evidence this verifier approved on another report (services/handling/evidence-integrity.ts). A notice names
 * both tickets and how close the copy is; never a reporter or a report's text.
 */
export type ApprovedEvidenceReused = Pick<LaterReuse, 'ticket' | 'usedAt' | 'sameFile' | 'distance'>;

export const NOTICE_NOT_FOUND = DomainError.notFound({
  id: 'Pemberitahuan tidak ditemukan',
  en: 'Notice not found',
});

/** The signed-in staff member's unread notices, newest first. */
export async function listMyUnreadNotices(
  ctx: AppContext,
  user: StaffUser,
  page: { cursor?: string; limit?: number },
) {
  const result = await listUnreadNotices(ctx.store.db, user.id, {
    cursor: page.cursor ? decodeCursor(page.cursor) : undefined,
    limit: page.limit ?? 20,
  });
  return { items: result.items.map((row) => noticeView(ctx, row)), nextCursor: result.nextCursor };
}

/** Marks one of the signed-in staff member's notices read; someone else's notice is "not found" (404). */
export async function markMyNoticeRead(ctx: AppContext, user: StaffUser, id: string) {
  const row = await markNoticeRead(ctx.store.db, id, user.id, ctx.now());
  if (!row) throw NOTICE_NOT_FOUND;
  return noticeView(ctx, row);
}

export function noticeView(ctx: AppContext, row: StaffNoticeRow) {
  const detail = row.detail as ApprovedEvidenceReused;
  const time = (iso: string) => localTime(iso, ctx.city.city.config.utcOffsetMinutes);
  return {
    id: row.id,
    kind: row.kind,
    ticket: row.ticket,
    otherTicket: detail.ticket,
    message: approvedEvidenceReusedMessage(row.ticket, detail, time),
    detail,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export function approvedEvidenceReusedMessage(
  ticket: string,
  reuse: ApprovedEvidenceReused,
  time: (iso: string) => string,
): Text {
  const how = reuse.sameFile
    ? { id: 'berkas sama persis', en: 'a byte-identical file' }
    : {
        id: `foto hampir sama, beda ${reuse.distance} dari 64 bit`,
        en: `a near-identical photo, ${reuse.distance} of 64 bits differ`,
      };
  return {
    id: `Bukti tindak lanjut yang Anda setujui pada laporan ${ticket} dipakai lagi sebagai bukti pada laporan ${reuse.ticket} (${how.id}; diunggah ${time(reuse.usedAt)}). Mohon periksa kembali kedua laporan.`,
    en: `Follow-up evidence you approved on report ${ticket} was used again as evidence on report ${reuse.ticket} (${how.en}; uploaded ${time(reuse.usedAt)}). Please review both reports.`,
  };
}
