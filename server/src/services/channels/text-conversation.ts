import { DomainError } from '../../domain/domain-error.js';
import { normaliseSenderHandle } from '../../domain/sender-handle.js';
import { parseSmsCommand } from '../../domain/sms-command.js';
import { STATUS_LABELS } from '../../domain/statuses.js';
import { ticketsOfSender } from '../../store/inbound-repository.js';
import { findReportByTicket } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { act } from '../handling/actions.js';
import { submit } from '../intake/intake.js';
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
}

const HELP =
  'Kirim LAPOR <isi laporan dan lokasinya> untuk melapor, CEK <no tiket> untuk melihat status, ' +
  'BATAL <no tiket> untuk membatalkan laporan yang belum diproses.';

/**
 * One text message from a phone or a chat, answered in plain Indonesian. A report is submitted like any channel's message
 * (services/intake/intake.ts#submit): its ticket is sent by the `received` notification after the commit, so the
 * immediate answer is null; a question (CEK), a withdrawal (BATAL) or a follow-up that joined an open report is
 * answered at once. Returns the answer to send back, or null.
 */
export async function handleTextMessage(ctx: AppContext, sms: IncomingText): Promise<string | null> {
  const prefix = ctx.city.city.config.ticketPrefix;
  const command = parseSmsCommand(sms.text, prefix);
  const handle = normaliseSenderHandle(sms.from.kind, sms.from.value, sms.channel);
  const senderKey = handle ? ctx.vault.senderKeyOf(handle) : null;
  const own = async (): Promise<string[]> => (senderKey ? ticketsOfSender(ctx.store.db, senderKey, 20) : []);
  switch (command.kind) {
    case 'help':
      return HELP;
    case 'report': {
      const answer = await submit(ctx, {
        channel: sms.channel,
        externalId: sms.messageId,
        sender: sms.from,
        raw: sms.raw,
        report: { text: command.text, private: true },
        uploads: sms.uploads ?? [],
        citizenToken: null,
        ...(command.intent ? { intent: command.intent } : {}),
      });
      return 'joined' in answer
        ? `Tambahan keterangan diterima untuk laporan ${answer.ticket}. Balas CEK ${answer.ticket} untuk status.`
        : null;
    }
    case 'status': {
      const ticket = command.ticket ?? (await own())[0];
      if (!ticket) return `Belum ada laporan dari Anda. ${HELP}`;
      const report = await findReportByTicket(ctx.store.db, ticket);
      if (!report) return `Tiket ${ticket} tidak ditemukan. Periksa nomornya (contoh: ${prefix}2612070001).`;
      const status = STATUS_LABELS[report.status].id;
      const mine = (await own()).includes(report.ticket);
      const unit =
        mine && report.assignedUnitId ? ctx.city.city.units.get(report.assignedUnitId)?.name : null;
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
