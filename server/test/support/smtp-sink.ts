import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The relay the city's replies go through: a real SMTP server on loopback that keeps what it receives. */
export async function smtpSink() {
  const received: Array<{
    to: string;
    subject: string;
    text: string;
    inReplyTo?: string;
    references?: string;
    messageId?: string;
  }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          inReplyTo: mail.inReplyTo,
          messageId: mail.messageId,
          references: Array.isArray(mail.references) ? mail.references.join(' ') : mail.references,
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export type SmtpSink = Awaited<ReturnType<typeof smtpSink>>;
