import nodemailer from 'nodemailer';
import type { ChannelSender, MessageContext, SenderHandle } from '../../services/channels/channel-sender.js';
import type { EmailConfig } from './email-config.js';

/**
 * Replies by e-mail through the city's relay (`nodemailer`), threaded under the citizen's first message
 * (In-Reply-To and References), so their mail program shows the report's whole conversation in one place; the
 * subject carries the ticket, and the Message-ID a signed reference to the report, so a reply joins it
 * (services/channels/mail-thread.ts).
 */
export function emailSender(config: EmailConfig & { relayUrl: string }): ChannelSender {
  const transport = nodemailer.createTransport(config.relayUrl);
  return {
    async send(to: SenderHandle, text: string, about: MessageContext) {
      if (to.kind !== 'email') throw new Error(`e-mail cannot reach a ${to.kind}`);
      const domain = config.address.split('@')[1]!;
      await transport.sendMail({
        from: { name: 'Sigap', address: config.address },
        to: to.value,
        subject: `Laporan ${about.ticket}`,
        text:
          `${text}\n\n—\nPesan ini dikirim otomatis oleh Sigap. Balas surel ini untuk menambah keterangan ` +
          'selama laporan belum diproses; surel baru menjadi laporan baru.',
        ...(about.reference ? { messageId: `<${about.reference}@${domain}>` } : {}),
        ...(about.threadId ? { inReplyTo: about.threadId, references: [about.threadId] } : {}),
      });
    },
  };
}
