import { DomainError } from './domain-error.js';
import { TooManyAttempts } from './too-many-attempts.js';

/**
 * Dual control over a reporter's identity: someone with a need asks, with a written reason; a second, designated
 * person (never the one who asked) approves or refuses; an approval lets only the one who asked see the identity,
 * for a short time. Pure rules here; services/identity/reveal.ts stores, audits and opens the vault.
 */
export type RevealStatus = 'menunggu' | 'disetujui' | 'ditolak';

/** How a request stands now: a stored status, with the clock applied. */
export type RevealStanding = 'menunggu' | 'kedaluwarsa' | 'disetujui' | 'selesai' | 'ditolak';

export interface RevealRules {
  /** how long the requester may see the identity after the approval */
  viewMinutes: number;
  /** requests one person may make in any 24 hours */
  requestsPerDay: number;
  /** a request nobody decided within this many hours lapses */
  pendingHours: number;
}

export const DEFAULT_REVEAL_RULES: RevealRules = { viewMinutes: 30, requestsPerDay: 3, pendingHours: 72 };

export const MIN_REASON_LENGTH = 20;
export const MIN_REFUSAL_NOTE_LENGTH = 10;

export interface RevealRequestState {
  status: RevealStatus;
  requestedBy: string;
  requestedAt: Date;
  viewUntil: Date | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function standingOf(r: RevealRequestState, now: Date, rules: RevealRules): RevealStanding {
  if (r.status === 'ditolak') return 'ditolak';
  if (r.status === 'disetujui') return r.viewUntil && now < r.viewUntil ? 'disetujui' : 'selesai';
  return now.getTime() - r.requestedAt.getTime() < rules.pendingHours * HOUR ? 'menunggu' : 'kedaluwarsa';
}

/** The reason the requester gives: what the identity is needed for, at least MIN_REASON_LENGTH characters. */
export function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON_LENGTH)
    throw DomainError.invalid(
      {
        id: `Tuliskan untuk apa identitas pelapor diperlukan (minimal ${MIN_REASON_LENGTH} karakter)`,
        en: `Write what the reporter's identity is needed for (at least ${MIN_REASON_LENGTH} characters)`,
      },
      'reason_too_short',
    );
  return trimmed;
}

/**
 * Refuses a request beyond the requester's daily allowance, saying when the next one is possible: `recent` are
 * the times of their requests in the last 24 hours.
 */
export function checkRequestAllowance(recent: readonly Date[], now: Date, rules: RevealRules): void {
  const inWindow = recent
    .filter((at) => now.getTime() - at.getTime() < DAY)
    .sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < rules.requestsPerDay) return;
  const freedAt = inWindow[inWindow.length - rules.requestsPerDay]!.getTime() + DAY;
  throw new TooManyAttempts(
    'rate_limited',
    {
      id: `Batas ${rules.requestsPerDay} permintaan buka identitas per 24 jam sudah tercapai; coba lagi nanti`,
      en: `The limit of ${rules.requestsPerDay} identity requests in 24 hours is reached; try again later`,
    },
    Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)),
  );
}

/** Only a request still waiting, and not lapsed, can be decided. */
export function checkDecidable(r: RevealRequestState, now: Date, rules: RevealRules): void {
  const standing = standingOf(r, now, rules);
  if (standing === 'menunggu') return;
  throw DomainError.conflict(
    standing === 'kedaluwarsa'
      ? {
          id: `Permintaan ini kedaluwarsa (tidak diputuskan dalam ${rules.pendingHours} jam); pemohon harus mengajukan ulang`,
          en: `This request lapsed (not decided within ${rules.pendingHours} hours); the requester must ask again`,
        }
      : { id: 'Permintaan ini sudah diputuskan', en: 'This request has already been decided' },
    'reveal_already_decided',
  );
}

/** The note of a refusal: the requester deserves to know why. */
export function checkRefusalNote(note: string | null | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed.length < MIN_REFUSAL_NOTE_LENGTH)
    throw DomainError.invalid(
      {
        id: `Tuliskan alasan penolakan (minimal ${MIN_REFUSAL_NOTE_LENGTH} karakter)`,
        en: `Write why the request is refused (at least ${MIN_REFUSAL_NOTE_LENGTH} characters)`,
      },
      'note_too_short',
    );
  return trimmed;
}

/** The end of the view an approval at `at` opens. */
export function viewUntilOf(at: Date, rules: RevealRules): Date {
  return new Date(at.getTime() + rules.viewMinutes * 60_000);
}

/** The identity may be seen only under an approval whose time has not run out. */
export function checkViewable(r: RevealRequestState, now: Date, rules: RevealRules): void {
  const standing = standingOf(r, now, rules);
  if (standing === 'disetujui') return;
  const text =
    standing === 'selesai'
      ? {
          id: 'Waktu melihat identitas untuk permintaan ini sudah habis; ajukan permintaan baru bila masih perlu',
          en: 'The time to see the identity under this request is over; ask again if it is still needed',
        }
      : standing === 'ditolak'
        ? { id: 'Permintaan ini ditolak', en: 'This request was refused' }
        : {
            id: 'Permintaan ini belum disetujui oleh pejabat yang berwenang',
            en: 'This request has not been approved by the authorised official',
          };
  throw DomainError.conflict(text, 'reveal_not_viewable');
}
