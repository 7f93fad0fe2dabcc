import type { Language } from '../../domain/language-guess.js';
import type { Status } from '../../domain/statuses.js';
import { lastInboundAt, sealedMessagesOf } from '../../store/inbound-repository.js';
import { markNotificationDelivered, notificationDeliveredAt } from '../../store/notification-repository.js';
import { findReportById, listEvents } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import type { SenderHandle } from './channel-sender.js';
import { mailReference } from './mail-thread.js';
import { notificationSentence, notificationText } from './notification-text.js';

/** The handle a report's sender wrote from, opened from the vault; null when the channel never knew one. */
function senderOf(
  ctx: AppContext,
  messages: { sealed: Buffer | null; sender_key: string | null }[],
): { to: SenderHandle; key: string | null; lang: Language } | null {
  let found: { to: SenderHandle; key: string | null; lang: Language } | null = null;
  for (const { sealed, sender_key } of messages) {
    if (!sealed) continue;
    const { sender, lang } = ctx.vault.openValue(sealed) as { sender?: SenderHandle; lang?: Language };
    if (!sender) continue;
    // the first message with a handle is where answers go; the newest message that says so, the language
    if (!found) found = { to: sender, key: sender_key, lang: 'id' };
    if (lang) found.lang = lang;
  }
  return found;
}

/**
 * Sends a recorded notification on the channel the report came by, when that channel can answer and knew the
 * sender; stamps it delivered. Safe to run again: a delivered notification is not sent twice (a crash between
 * the send and the stamp may send it twice: at least once, never lost). The handle leaves the vault only here,
 * straight to the channel, and is never logged.
 */
export async function deliverNotification(
  ctx: AppContext,
  n: { reportId: string; seq: number; kind: 'received' | 'status_changed'; status: string },
): Promise<'sent' | 'already' | 'no_channel'> {
  const recorded = await notificationDeliveredAt(ctx.store.db, n.reportId, n.seq);
  if (!recorded) return 'no_channel';
  if (recorded.deliveredAt) return 'already';
  const report = await findReportById(ctx.store.db, n.reportId);
  const sender = report ? ctx.senders?.[report.channel] : undefined;
  if (!report || !sender) return 'no_channel';
  const messages = await sealedMessagesOf(ctx.store.db, report.id, report.channel);
  const found = senderOf(ctx, messages);
  if (!found) return 'no_channel';
  const event = (await listEvents(ctx.store.db, report.id)).find((e) => e.seq === n.seq);
  const facts = {
    kind: n.kind,
    status: n.status as Status,
    ticket: report.ticket,
    note: event?.publicNote ?? null,
  };
  // in English when the citizen wrote in English (domain/language-guess.ts), else Indonesian
  await sender.send(found.to, notificationText(facts)[found.lang], {
    ticket: report.ticket,
    threadId: messages[0]?.external_id ?? null,
    reference: mailReference(ctx, report.ticket, n.seq),
    notice: {
      lastInboundAt: found.key ? await lastInboundAt(ctx.store.db, found.key, report.channel) : null,
      now: ctx.now(),
      sentence: notificationSentence(facts).id, // the approved template is Indonesian
      facts,
      seq: n.seq,
    },
  });
  await markNotificationDelivered(ctx.store.db, report.id, n.seq, ctx.now());
  return 'sent';
}
