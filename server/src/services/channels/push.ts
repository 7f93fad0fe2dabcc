import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/domain-error.js';
import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import type { Text } from '../../domain/text.js';
import { loggableError } from '../../security/loggable-error.js';
import {
  deleteCitizenPushSubscriptions,
  deletePushEndpoint,
  deletePushSubscription,
  markPushed,
  pushSubscriptionsDue,
  savePushSubscription,
} from '../../store/push-subscription-repository.js';
import { findReportById, findReportByTicket } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { REPORT_NOT_FOUND } from '../handling/actions.js';
import { requireLiveCitizenToken } from '../identity/citizen-tokens.js';
import type { PushSender, PushSubscriptionData } from './push-sender.js';

export const PUSH_UNAVAILABLE = new DomainError(404, 'push_unavailable', {
  id: 'Notifikasi push tidak tersedia di server ini',
  en: 'Push notifications are not available on this server',
});

const NOT_A_PUSH_SERVICE = new DomainError(422, 'push_service_refused', {
  id: 'Alamat langganan bukan layanan push peramban yang dikenal server ini; gunakan langganan dari PushManager peramban',
  en: 'The subscription address is not a browser push service this server knows; use a subscription from the browser’s PushManager',
});

/**
 * What a push carries: the ticket and the new status (its code and official name). Nothing about the reporter,
 * not the report's text nor an officer's note: a notification shows on a lock screen that others may see.
 */
export interface PushPayload {
  ticket: string;
  status: { code: string; label: Text };
}

function pushOf(ctx: AppContext): PushSender {
  if (!ctx.push) throw PUSH_UNAVAILABLE;
  return ctx.push;
}

/** The VAPID public key a browser subscribes with. */
export function pushPublicKey(ctx: AppContext): { publicKey: string } {
  return { publicKey: pushOf(ctx).publicKey };
}

/** The reporter's own report, by ticket, for a live citizen token; anyone else's is "not found". */
async function ownReport(ctx: AppContext, token: string, ticket: string) {
  const citizenId = await requireLiveCitizenToken(ctx, token);
  const report = await findReportByTicket(ctx.store.db, ticket);
  if (!report || report.citizenId !== citizenId) throw REPORT_NOT_FOUND;
  return { citizenId, report };
}

/**
 * This browser follows the reporter's report: each later status change someone else gives it is pushed to the
 * browser. The subscription is sealed; only a keyed hash of its endpoint is kept in the clear.
 */
export async function followReport(
  ctx: AppContext,
  token: string,
  ticket: string,
  subscription: PushSubscriptionData,
): Promise<{ ticket: string; following: true }> {
  const push = pushOf(ctx);
  const { citizenId, report } = await ownReport(ctx, token, ticket);
  if (!push.allows(subscription.endpoint)) throw NOT_A_PUSH_SERVICE;
  await savePushSubscription(ctx.store.db, {
    id: randomUUID(),
    report_id: report.id,
    citizen_id: citizenId,
    endpoint_key: ctx.vault.pushEndpointKeyOf(subscription.endpoint),
    sealed: ctx.vault.sealValue({ endpoint: subscription.endpoint, keys: subscription.keys }),
    key_id: ctx.vault.keyId,
    last_seq: report.eventCount,
    created_at: ctx.now(),
  });
  return { ticket: report.ticket, following: true };
}

/** This browser stops following the report (answers the same whether it was following or not). */
export async function unfollowReport(
  ctx: AppContext,
  token: string,
  ticket: string,
  endpoint: string,
): Promise<{ ticket: string; following: false }> {
  pushOf(ctx);
  const { report } = await ownReport(ctx, token, ticket);
  await deletePushSubscription(ctx.store.db, report.id, ctx.vault.pushEndpointKeyOf(endpoint));
  return { ticket: report.ticket, following: false };
}

/** The citizen's token ended or was revoked: their browsers are told nothing more. */
export async function forgetCitizenPushSubscriptions(ctx: AppContext, citizenId: string): Promise<void> {
  await deleteCitizenPushSubscriptions(ctx.store.db, citizenId);
}

/**
 * The push-citizen job: report event `seq` gave the report `status`; every browser following it that has not been
 * sent this event yet is sent it. A browser whose push service answers 404/410 is forgotten (for every report it
 * followed). Any other failure leaves that browser due and throws after the others were tried, so the job retries
 * with backoff and the browsers already served are not sent it again.
 */
export async function pushStatusChange(
  ctx: AppContext,
  change: { reportId: string; seq: number; status: string },
): Promise<{ sent: number; gone: number }> {
  if (!ctx.push) return { sent: 0, gone: 0 };
  const report = await findReportById(ctx.store.db, change.reportId);
  if (!report) return { sent: 0, gone: 0 };
  const due = await pushSubscriptionsDue(ctx.store.db, report.id, change.seq);
  const status = change.status as Status;
  const payload: PushPayload = {
    ticket: report.ticket,
    status: { code: status, label: STATUS_LABELS[status] ?? { id: status, en: status } },
  };
  const body = JSON.stringify(payload);
  let sent = 0;
  let gone = 0;
  let failure: unknown = null;
  for (const row of due) {
    const subscription = ctx.vault.openValue(row.sealed) as PushSubscriptionData;
    try {
      if ((await ctx.push.send(subscription, body)) === 'gone') {
        gone += await deletePushEndpoint(ctx.store.db, row.endpoint_key);
      } else {
        await markPushed(ctx.store.db, row.id, change.seq);
        sent++;
      }
    } catch (error) {
      failure = error;
      ctx.log.warn(
        { err: loggableError(error), ticket: report.ticket },
        'web push not delivered; will retry',
      );
    }
  }
  if (failure) throw failure;
  return { sent, gone };
}
