import { findSealedIdentity } from '../../store/people-repository.js';
import { findReportById } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';

/** The channel whose sender texts a desk's receipt (channels/sms/). */
export const RECEIPT_CHANNEL = 'sms';

/** Whether a desk filing can be sent its receipt by SMS: the citizen gave a phone and this city sends SMS. */
export function canTextReceipt(
  ctx: AppContext,
  report: { anonymous?: boolean; reporter?: { phone?: string | null } | null },
): boolean {
  return !!ctx.senders?.[RECEIPT_CHANNEL] && !report.anonymous && !!report.reporter?.phone?.trim();
}

/** The receipt, in the words of the printed one: short enough for one SMS segment with any ticket. */
export function receiptText(ticket: string, office: string): string {
  return `Tanda terima ${office}: laporan Anda dicatat, No tiket ${ticket}. Simpan nomor ini untuk menanyakan statusnya.`;
}

/**
 * Texts a desk filing's receipt to the phone the citizen gave, opened from the vault only here and handed straight
 * to the SMS gateway; never logged. A failed send throws, so the job retries with backoff. Nothing to send (no SMS
 * sender any more, no identity, no phone) is done, not an error.
 */
export async function textDeskReceipt(ctx: AppContext, reportId: string): Promise<'sent' | 'nothing'> {
  const sender = ctx.senders?.[RECEIPT_CHANNEL];
  const report = await findReportById(ctx.store.db, reportId);
  if (!sender || !report?.identityId) return 'nothing';
  const sealed = await findSealedIdentity(ctx.store.db, report.identityId);
  const phone = sealed ? ctx.vault.open(sealed).phone?.trim() : null;
  if (!phone) return 'nothing';
  const channel = ctx.city.city.config.channels.find((c) => c.code === report.channel);
  await sender.send(
    { kind: 'phone', value: phone },
    receiptText(report.ticket, channel?.name.id ?? 'Sigap'),
    {
      ticket: report.ticket,
      threadId: null,
    },
  );
  return 'sent';
}
