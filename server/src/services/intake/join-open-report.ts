import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/domain-error.js';
import { findJoinableReport, insertInboundMessage } from '../../store/inbound-repository.js';
import { sealedInbound } from './sealed-inbound.js';
import type { AppContext } from '../app/app-context.js';
import { editReport } from '../handling/edit-report.js';
import type { InboundMessage } from './intake.js';

/** What a message that joined a report is answered: never the report's citizen token (a sender can be forged). */
export interface JoinedReport {
  ticket: string;
  status: string;
  joined: true;
}

/** Channel kinds where people send a report in pieces (text, then a photo, then a detail). */
const CONVERSATIONAL_KINDS: readonly string[] = ['sms', 'messaging', 'social'];
const DEFAULT_WINDOW_MINUTES = 30;

/**
 * Joins a message to its sender's open report, by these rules (docs/DECISIONS.md, "Joining a sender's open
 * report"): the channel is conversational (SMS, messaging, social; not e-mail, whose sender is easily forged,
 * nor the app, web or API, which file whole reports); the sender is known; the message does not ask for a new
 * report and carries no GPS point of its own; and the same sender's newest report from the same channel is still
 * Menunggu (nobody has acted on it) and at most `joinWindowMinutes` old. The message's text is appended to the
 * report as the reporter's edit (placed and routed again like any edit), its photos become the report's, and the
 * message is stored with the report, all in one transaction. Null when no rule matches: the message is a new
 * report.
 */
export async function joinOpenReport(
  ctx: AppContext,
  inbound: InboundMessage,
  channelKind: string,
  senderKey: string | null,
  requestHash: string | null,
): Promise<JoinedReport | null> {
  const minutes = ctx.city.city.config.joinWindowMinutes ?? DEFAULT_WINDOW_MINUTES;
  if (
    minutes === 0 ||
    !senderKey ||
    !CONVERSATIONAL_KINDS.includes(channelKind) ||
    inbound.intent === 'new' ||
    inbound.report.lat != null ||
    inbound.report.lng != null
  )
    return null;
  const now = ctx.now();
  const ticket = await findJoinableReport(
    ctx.store.db,
    senderKey,
    inbound.channel,
    new Date(now.getTime() - minutes * 60_000),
  );
  if (!ticket) return null;
  const text = inbound.report.text.trim();
  if (!text) throw DomainError.invalid({ id: 'Isi pesan wajib diisi', en: 'The message text is required' });
  let reportId = '';
  const kept = sealedInbound(inbound, { ticket, status: 'menunggu', joined: true }, channelKind);
  const after = await editReport(
    ctx,
    ticket,
    (before) => {
      reportId = before.id;
      return { text: `${before.text}\n\n${text}` };
    },
    // the sender is the reporter: the same keyed handle filed the report
    { kind: 'citizen', id: null, unitId: null },
    inbound.uploads,
    {
      attachmentRole: 'report',
      asReporter: true,
      alsoWrite: (tx) =>
        insertInboundMessage(tx, {
          id: randomUUID(),
          channel: inbound.channel,
          external_id: inbound.externalId,
          request_hash: requestHash,
          sender_key: senderKey,
          report_id: reportId,
          sealed: kept ? ctx.vault.sealValue(kept) : null,
          key_id: ctx.vault.keyId,
          received_at: now,
        }),
    },
  );
  ctx.log.info({ ticket, channel: inbound.channel }, 'message joined its sender’s open report');
  return { ticket, status: after.status, joined: true };
}
