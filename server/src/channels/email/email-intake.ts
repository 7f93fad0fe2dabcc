import type { ParsedMail } from 'mailparser';
import type { AppContext } from '../../services/app/app-context.js';
import { ticketOfMailThread } from '../../services/channels/mail-thread.js';
import type { JoinedReport } from '../../services/intake/join-open-report.js';
import { type CreatedReport, submit } from '../../services/intake/intake.js';
import { inboundFromEmail, ownWords, threadIdsOf } from './email-message.js';

/**
 * One parsed mail into the intake, however it arrived (the SMTP receiver, the IMAP mailbox): a new report, or a
 * reply in a report's thread that joins it when the same sender filed it and it still waits. The Message-ID is the
 * message's id, so the same mail arriving twice, by either way or both, is one report. `fallbackId` names a mail
 * without a Message-ID (IMAP: a hash of its bytes), or null: each delivery of it is then new.
 */
export async function receiveMail(
  ctx: AppContext,
  mail: ParsedMail,
  channel: string,
  fallbackId: string | null = null,
): Promise<CreatedReport | JoinedReport> {
  const parsed = inboundFromEmail(mail, channel);
  const inbound = parsed.externalId === null ? { ...parsed, externalId: fallbackId } : parsed;
  const thread = await ticketOfMailThread(ctx, channel, threadIdsOf(mail));
  return submit(
    ctx,
    thread
      ? {
          ...inbound,
          joinTicket: thread,
          report: { ...inbound.report, text: ownWords(mail.text ?? '') || inbound.report.text },
        }
      : inbound,
  );
}
