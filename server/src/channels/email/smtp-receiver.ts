import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { DomainError } from '../../domain/domain-error.js';
import { loggableError } from '../../security/loggable-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import type { EmailConfig } from './email-config.js';
import { receiveMail } from './email-intake.js';

/** An SMTP reply: the code and text the sending server shows, or bounces to its user. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/**
 * The city's mailbox as a real SMTP server (`smtp-server`; MIME parsed by `mailparser`): mail to the city's
 * address becomes a report, mail to anyone else is refused at RCPT (no open relay), a message over the size cap is
 * refused with 552, and a message the intake refuses (no text at all, say) gets a 550 with the reason in Indonesian
 * and English, which the citizen's server bounces back to them. What the mail becomes is email-intake.ts#receiveMail.
 * Plain SMTP without authentication: TLS and spam filtering belong to the city's mail gateway in front of it.
 */
export async function startSmtpReceiver(
  ctx: AppContext,
  config: EmailConfig & { port: number },
  channel = 'email',
): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: config.maxBytes,
    banner: 'Sigap',
    logger: false,
    onRcptTo(address, _session: SMTPServerSession, callback) {
      if (address.address.toLowerCase() !== config.address)
        return callback(
          smtpError(550, `5.1.1 Alamat tidak dikenal / No such mailbox here: ${address.address}`),
        );
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded)
            throw smtpError(552, '5.3.4 Pesan terlalu besar / Message too big');
          const answer = await receiveMail(ctx, mail, channel);
          callback(null, `Diterima / Received: ${answer.ticket}`);
        })
        .catch((error: unknown) => {
          if (error instanceof DomainError)
            return callback(smtpError(550, `5.6.0 ${error.text.id} / ${error.text.en}`));
          if (error instanceof Error && 'responseCode' in error) return callback(error);
          ctx.log.error({ err: loggableError(error) }, 'e-mail intake failed');
          callback(smtpError(451, '4.3.0 Coba lagi nanti / Try again later'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  server.on('error', (error) => ctx.log.warn({ err: loggableError(error) }, 'smtp connection error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
