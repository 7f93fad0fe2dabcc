import { authorize } from '../../domain/authorize.js';
import { DomainError } from '../../domain/domain-error.js';
import { FINAL_STATUSES } from '../../domain/statuses.js';
import type { Text } from '../../domain/text.js';
import { hashToken, newToken } from '../../security/tokens.js';
import {
  citizenHasReportsInPlay,
  citizenOfTicket,
  endCitizenToken,
  findCitizenToken,
  replaceCitizenToken,
  type TokenRow,
  touchCitizenToken,
} from '../../store/citizen-token-repository.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { REPORT_NOT_FOUND } from '../handling/actions.js';
import { actorOf } from './policies.js';
import { forgetCitizenPushSubscriptions } from '../channels/push.js';
import type { StaffUser } from './sessions.js';

/** Days without use after which a citizen token ends, unless one of its reports is still in play (city.json). */
export const DEFAULT_CITIZEN_TOKEN_IDLE_DAYS = 180;
const DAY_MS = 86_400_000;
/** The last use is written at most this often: a citizen reading their report daily costs one write a day. */
const TOUCH_EVERY_MS = DAY_MS;

/** What newToken('warga') makes: the prefix and 32 random bytes in base64url. */
const TOKEN_SHAPE = /^warga_[A-Za-z0-9_-]{43}$/;

export type TokenRefusal = 'malformed' | 'unknown' | 'expired' | 'replaced' | 'ended' | 'revoked';

/**
 * A citizen token was presented and opens nothing: a 401 saying why and what to do. A per-address limit on
 * token guessing can count these (http error hook: `error instanceof CitizenTokenRefused`).
 */
export class CitizenTokenRefused extends DomainError {
  constructor(
    readonly why: TokenRefusal,
    code: string,
    text: Text,
  ) {
    super(401, code, text);
  }
}

const PUBLIC_STILL = {
  id: 'Laporan publik tetap dapat dilihat dengan nomor tiketnya tanpa token',
  en: 'A public report can still be viewed by its ticket number without a token',
};

function refusal(why: TokenRefusal, idleDays: number): CitizenTokenRefused {
  switch (why) {
    case 'malformed':
      return new CitizenTokenRefused(why, 'invalid_citizen_token', {
        id: 'Token warga tidak sah: bentuknya warga_ diikuti 43 huruf, angka, - atau _, seperti yang diterima saat membuat laporan; salin utuh tanpa spasi',
        en: 'Not a valid citizen token: it is warga_ followed by 43 letters, digits, - or _, as received when you created a report; copy it whole, without spaces',
      });
    case 'unknown':
      return new CitizenTokenRefused(why, 'unknown_citizen', {
        id: `Token warga tidak dikenal; periksa bahwa token disalin utuh. ${PUBLIC_STILL.id}`,
        en: `Unknown citizen token; check that you copied it whole. ${PUBLIC_STILL.en}`,
      });
    case 'expired':
      return new CitizenTokenRefused(why, 'citizen_token_expired', {
        id: `Token warga ini kedaluwarsa: tidak dipakai lebih dari ${idleDays} hari dan tidak ada laporan Anda yang masih berjalan. Laporan Anda tetap tersimpan; ${PUBLIC_STILL.id.toLowerCase()}, dan laporan baru memberi token baru`,
        en: `This citizen token has expired: it was not used for more than ${idleDays} days and none of your reports is still in progress. Your reports are kept; ${PUBLIC_STILL.en.toLowerCase()}, and a new report gives a new token`,
      });
    case 'replaced':
      return new CitizenTokenRefused(why, 'citizen_token_replaced', {
        id: 'Token warga ini sudah diganti dengan token baru dan tidak berlaku lagi; gunakan token terbaru. Jika bukan Anda yang menggantinya, orang lain mungkin memegang token Anda: hubungi layanan pengaduan kota dengan nomor tiket Anda',
        en: 'This citizen token was replaced by a new one and no longer works; use the newest token. If you did not replace it, someone else may hold your token: contact the city’s complaint service with your ticket number',
      });
    case 'ended':
      return new CitizenTokenRefused(why, 'citizen_token_revoked', {
        id: `Token warga ini sudah diakhiri oleh pemegangnya dan tidak berlaku lagi. ${PUBLIC_STILL.id}; laporan baru memberi token baru`,
        en: `This citizen token was ended by its holder and no longer works. ${PUBLIC_STILL.en}; a new report gives a new token`,
      });
    case 'revoked':
      return new CitizenTokenRefused(why, 'citizen_token_revoked', {
        id: 'Token warga ini dicabut oleh administrator (misalnya karena diketahui bocor) dan tidak berlaku lagi; laporan Anda tetap ditangani. Hubungi layanan pengaduan kota dengan nomor tiket Anda',
        en: 'This citizen token was revoked by an administrator (for instance because it leaked) and no longer works; your reports are still handled. Contact the city’s complaint service with your ticket number',
      });
  }
}

export function citizenTokenIdleDays(ctx: AppContext): number {
  return ctx.city.city.config.citizenTokenIdleDays ?? DEFAULT_CITIZEN_TOKEN_IDLE_DAYS;
}

export type TokenCheck = { live: true; citizenId: string } | { live: false; why: TokenRefusal };

/**
 * Whether a presented citizen token opens anything. A token is live until it is replaced or ended, and expires
 * after `citizenTokenIdleDays` without use unless one of its citizen's reports is still open or changed within
 * that time (the city acted: the citizen has a reason to come back). Its last use is kept, written at most daily.
 */
export async function checkCitizenToken(
  ctx: AppContext,
  token: string,
  /** What the token is, when it was read already (with the report it opens: report-reads.ts). */
  lookedUp?: TokenRow | null,
): Promise<TokenCheck> {
  if (!TOKEN_SHAPE.test(token)) return { live: false, why: 'malformed' };
  const row = lookedUp !== undefined ? lookedUp : await findCitizenToken(ctx.store.db, hashToken(token));
  if (!row) return { live: false, why: 'unknown' };
  if (row.ended) {
    const why =
      row.ended.reason === 'replaced' ? 'replaced' : row.ended.reason === 'admin' ? 'revoked' : 'ended';
    return { live: false, why };
  }
  if (row.kind !== 'current') return { live: false, why: 'unknown' };
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - citizenTokenIdleDays(ctx) * DAY_MS);
  if (
    row.lastUsedAt <= idleSince &&
    !(await citizenHasReportsInPlay(ctx.store.db, row.citizenId, idleSince, [...FINAL_STATUSES]))
  )
    return { live: false, why: 'expired' };
  if (now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
    await touchCitizenToken(ctx.store.db, row.citizenId, now);
  return { live: true, citizenId: row.citizenId };
}

/** The citizen a presented token belongs to, or a 401 saying why it opens nothing. */
export async function requireLiveCitizenToken(
  ctx: AppContext,
  token: string,
  lookedUp?: TokenRow | null,
): Promise<string> {
  const check = await checkCitizenToken(ctx, token, lookedUp);
  if (!check.live) throw refusal(check.why, citizenTokenIdleDays(ctx));
  return check.citizenId;
}

/**
 * The holder swaps their token for a new one: the old one stops working at once (whoever else holds a copy of it
 * is told it was replaced), the new one opens the same reports.
 */
export async function rotateCitizenToken(ctx: AppContext, token: string): Promise<{ citizenToken: string }> {
  await requireLiveCitizenToken(ctx, token);
  const fresh = newToken('warga');
  if (!(await replaceCitizenToken(ctx.store.db, hashToken(token), hashToken(fresh), ctx.now()))) {
    // another request replaced or ended it a moment ago
    const now = await checkCitizenToken(ctx, token);
    throw refusal(now.live ? 'replaced' : now.why, citizenTokenIdleDays(ctx));
  }
  await recordAudit(ctx, { actorId: null, action: 'citizen_token_rotated', subject: null, reason: null });
  return { citizenToken: fresh };
}

/** The holder ends their token (a shared phone, a token they fear was seen): it opens nothing from now on. */
export async function endOwnCitizenToken(ctx: AppContext, token: string): Promise<{ ended: true }> {
  const citizenId = await requireLiveCitizenToken(ctx, token);
  await endCitizenToken(ctx.store.db, citizenId, ctx.now(), 'holder');
  // the browsers it subscribed hear nothing more (a shared phone: the next person is not told of these reports)
  await forgetCitizenPushSubscriptions(ctx, citizenId);
  await recordAudit(ctx, { actorId: null, action: 'citizen_token_ended', subject: null, reason: null });
  return { ended: true };
}

/**
 * An administrator revokes the citizen token that opens a report (it leaked, it is being abused): every report of
 * that token's holder closes to it at once. Audited with the reason; the citizen is not named anywhere.
 */
export async function revokeReportCitizenToken(
  ctx: AppContext,
  user: StaffUser,
  ticket: string,
  reason: string,
): Promise<{ ticket: string; revoked: boolean }> {
  authorize(actorOf(user), 'citizen_token.revoke', null);
  const citizenId = await citizenOfTicket(ctx.store.db, ticket);
  if (citizenId === undefined) throw REPORT_NOT_FOUND;
  const revoked = citizenId !== null && (await endCitizenToken(ctx.store.db, citizenId, ctx.now(), 'admin'));
  // whoever held the leaked token may have subscribed their own browser: it hears nothing more
  if (citizenId !== null) await forgetCitizenPushSubscriptions(ctx, citizenId);
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'citizen_token_revoked',
    subject: ticket,
    reason,
    detail: { revoked },
  });
  return { ticket, revoked };
}
