import { DomainError } from '../../domain/domain-error.js';
import { normaliseSenderHandle } from '../../domain/sender-handle.js';
import { parseSmsCommand, ticketNamedIn } from '../../domain/sms-command.js';
import { STATUS_LABELS } from '../../domain/statuses.js';
import { findSendersReport, ticketsOfSender } from '../../store/inbound-repository.js';
import { findReportByTicket } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { act } from '../handling/actions.js';
import { submit } from '../intake/intake.js';
import { LOCATION_WITHOUT_REPORT } from '../intake/join-open-report.js';
import type { Upload } from '../intake/media-service.js';
import type { SenderHandle } from './channel-sender.js';

export interface IncomingText {
  /** the channel code (city.json), e.g. `sms`, `telegram` */
  channel: string;
  /** the channel's id of the message: the same delivery twice makes one message */
  messageId: string;
  /** how the channel knows the sender: a phone number (SMS), a chat id (Telegram) */
  from: SenderHandle;
  text: string;
  /** the channel's payload as delivered, kept sealed */
  raw: unknown;
  /** photos that came with the message */
  uploads?: Upload[];
  /** a location the chat sent (Telegram, WhatsApp): alone, it becomes the sender's open report's GPS point */
  location?: { lat: number; lng: number };
}

const HELP =
  'Kirim LAPOR <isi laporan dan lokasinya> untuk melapor, CEK <no tiket> untuk melihat status, ' +
  'BATAL <no tiket> untuk membatalkan laporan yang belum diproses.';

const notYours = (ticket: string) =>
  `Tiket ${ticket} tidak ditemukan di antara laporan yang Anda kirim dari sini. Balas CEK untuk laporan terakhir Anda.`;

/**
 * One text message from a phone or a chat, answered in plain Indonesian. A report is submitted like any channel's message
 * (services/intake/intake.ts#submit): its ticket is sent by the `received` notification after the commit, so the
 * immediate answer is null; a question (CEK), a withdrawal (BATAL), a follow-up that joined an open report or a
 * location that became its GPS point is answered at once. Only the sender's own reports are ever named: a ticket
 * that is not theirs is answered as not found, whether it exists or not. Returns the answer to send back, or null.
 */
export async function handleTextMessage(ctx: AppContext, sms: IncomingText): Promise<string | null> {
  const prefix = ctx.city.city.config.ticketPrefix;
  const handle = normaliseSenderHandle(sms.from.kind, sms.from.value, sms.channel);
  const senderKey = handle ? ctx.vault.senderKeyOf(handle) : null;
  const own = async (): Promise<string[]> => (senderKey ? ticketsOfSender(ctx.store.db, senderKey, 20) : []);
  const ownReport = async (ticket: string) =>
    senderKey ? findSendersReport(ctx.store.db, senderKey, ticket) : null;
  const base = {
    channel: sms.channel,
    externalId: sms.messageId,
    sender: sms.from,
    raw: sms.raw,
    uploads: sms.uploads ?? [],
    citizenToken: null,
  };
  if (sms.location && !sms.text.trim() && !sms.uploads?.length) {
    try {
      const answer = await submit(ctx, {
        ...base,
        report: { text: '', private: true, lat: sms.location.lat, lng: sms.location.lng },
      });
      return `Lokasi ditambahkan ke laporan ${answer.ticket}. Balas CEK ${answer.ticket} untuk status.`;
    } catch (error) {
      if (error instanceof DomainError && error.code === LOCATION_WITHOUT_REPORT.code)
        return `${LOCATION_WITHOUT_REPORT.text.id}.`;
      throw error;
    }
  }
  const command = parseSmsCommand(sms.text, prefix);
  switch (command.kind) {
    case 'help':
      return HELP;
    case 'report': {
      const named = command.intent ? null : ticketNamedIn(command.text, prefix);
      const mine = named ? await ownReport(named) : null;
      // a ticket of the sender's that is already being handled: its status, not a new report about it
      if (mine && mine.status !== 'menunggu')
        return (
          `Laporan ${mine.ticket}: ${STATUS_LABELS[mine.status as keyof typeof STATUS_LABELS]?.id ?? mine.status}. ` +
          'Laporan ini sudah ditangani petugas dan tidak dapat ditambah. Untuk masalah baru kirim LAPOR <isi laporan>.'
        );
      const answer = await submit(ctx, {
        ...base,
        report: { text: command.text, private: true },
        ...(command.intent ? { intent: command.intent } : {}),
        ...(mine ? { joinTicket: mine.ticket } : {}),
      });
      return 'joined' in answer
        ? `Tambahan keterangan diterima untuk laporan ${answer.ticket}. Balas CEK ${answer.ticket} untuk status.`
        : null;
    }
    case 'status': {
      const ticket = command.ticket ?? (await own())[0];
      if (!ticket) return `Belum ada laporan dari Anda. ${HELP}`;
      const report = await ownReport(ticket);
      if (!report) return notYours(ticket);
      const full = await findReportByTicket(ctx.store.db, report.ticket);
      const status = STATUS_LABELS[full!.status].id;
      const unit = full!.assignedUnitId ? ctx.city.city.units.get(full!.assignedUnitId)?.name : null;
      return `Laporan ${report.ticket}: ${status}${unit ? `, ditangani ${unit}` : ''}.`;
    }
    case 'withdraw': {
      const mine = await own();
      const ticket = command.ticket ?? mine[0];
      if (!ticket || !mine.includes(ticket))
        return `Hanya laporan yang Anda kirim dari sini yang dapat dibatalkan. Contoh: BATAL ${mine[0] ?? `${prefix}2612070001`}`;
      const report = (await findReportByTicket(ctx.store.db, ticket))!;
      try {
        await act(
          ctx,
          ticket,
          { type: 'withdraw', reason: `Dibatalkan pelapor lewat ${sms.channel}` },
          { kind: 'citizen', id: report.citizenId, unitId: null },
        );
      } catch (error) {
        if (error instanceof DomainError)
          return `Laporan ${ticket} tidak dapat dibatalkan: ${error.text.id}.`;
        throw error;
      }
      return `Laporan ${ticket} sudah dibatalkan.`;
    }
  }
}
