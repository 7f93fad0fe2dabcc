import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/domain-error.js';
import {
  findJoinableReport,
  findSendersReport,
  insertInboundMessage,
} from '../../store/inbound-repository.js';
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

/** A location sent with no report of the sender's open to take it. */
export const LOCATION_WITHOUT_REPORT = new DomainError(422, 'location_without_report', {
  id:
    'Lokasi diterima, tetapi belum ada laporan Anda yang terbuka untuk menerimanya. Kirim dulu isi laporan, ' +
    'lalu kirim lokasinya',
  en: 'Location received, but none of your reports is open to take it. Send the report text first, then the location',
});

/** The report a message joins, or null: a new report. */
async function reportToJoin(
  ctx: AppContext,
  inbound: InboundMessage,
  channelKind: string,
  senderKey: string,
  point: boolean,
  locationOnly: boolean,
): Promise<string | null> {
  if (inbound.joinTicket) {
    // a report the sender named (a ticket in the text, the e-mail thread): only their own, only while it waits
    const own = await findSendersReport(ctx.store.db, senderKey, inbound.joinTicket);
    return own?.status === 'menunggu' ? own.ticket : null;
  }
  const minutes = ctx.city.city.config.joinWindowMinutes ?? DEFAULT_WINDOW_MINUTES;
  if (
    minutes === 0 ||
    !CONVERSATIONAL_KINDS.includes(channelKind) ||
    inbound.intent === 'new' ||
    (point && !locationOnly)
  )
    return null;
  const since = new Date(ctx.now().getTime() - minutes * 60_000);
  return findJoinableReport(ctx.store.db, senderKey, inbound.channel, since);
}

/**
 * Joins a message to its sender's open report, by these rules (docs/DECISIONS.md, "Joining a sender's open
 * report"): the sender is known, and either
 * - the message names one of the sender's reports (`joinTicket`: a ticket in its text, or an e-mail reply in the
 *   thread of Sigap's mail), which still waits (Menunggu): that report, however old; or
 * - the channel is conversational (SMS, messaging, social; not e-mail, whose sender is easily forged, nor the app,
 *   web or API, which file whole reports); the message does not ask for a new report and carries no GPS point of
 *   its own with its text (a location alone is the report's place, sent after it); and the same sender's newest
 *   report from the same channel is still Menunggu and at most `joinWindowMinutes` old.
 * The message's text is appended to the report as the reporter's edit (placed and routed again like any edit), a
 * location alone becomes the report's GPS point, its photos become the report's, and the message is stored with
 * the report, all in one transaction. Null when no rule matches: the message is a new report (a location alone
 * cannot be one: LOCATION_WITHOUT_REPORT).
 */
export async function joinOpenReport(
  ctx: AppContext,
  inbound: InboundMessage,
  channelKind: string,
  senderKey: string | null,
  requestHash: string | null,
): Promise<JoinedReport | null> {
  const text = inbound.report.text.trim();
  const { lat, lng } = inbound.report;
  const point = lat != null || lng != null;
  const locationOnly = lat != null && lng != null && !text && inbound.uploads.length === 0;
  const ticket = senderKey
    ? await reportToJoin(ctx, inbound, channelKind, senderKey, point, locationOnly)
    : null;
  if (!ticket) {
    if (locationOnly) throw LOCATION_WITHOUT_REPORT;
    return null;
  }
  if (!text && !locationOnly)
    throw DomainError.invalid({ id: 'Isi pesan wajib diisi', en: 'The message text is required' });
  const now = ctx.now();
  let reportId = '';
  const kept = sealedInbound(inbound, { ticket, status: 'menunggu', joined: true }, channelKind);
  const after = await editReport(
    ctx,
    ticket,
    (before) => {
      reportId = before.id;
      return locationOnly ? { lat: lat!, lng: lng! } : { text: `${before.text}\n\n${text}` };
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
  ctx.log.info(
    { ticket, channel: inbound.channel, what: locationOnly ? 'location' : 'text' },
    'message joined its sender’s open report',
  );
  return { ticket, status: after.status, joined: true };
}
