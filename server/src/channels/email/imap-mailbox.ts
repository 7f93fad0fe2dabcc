import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { DomainError } from '../../domain/domain-error.js';
import { loggableError } from '../../security/loggable-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import type { EmailConfig, ImapConfig } from './email-config.js';
import { receiveMail } from './email-intake.js';

export interface ImapMailbox {
  /** stops reading at once; a mail cut off before it was marked is read again next time (and is the same report) */
  close(): Promise<void>;
}

export interface ImapTiming {
  /** the first wait after a failed connection; it doubles on each failure in a row */
  retryMs: number;
  /** the longest wait between two tries */
  maxRetryMs: number;
  /**
   * A mail that keeps failing (not refused: the intake broke on it) is given up, flagged for a person, once it has
   * failed this many times over at least `giveUpAfterMs`, and only while the database answers (an outage is no
   * reason to give up on a mail).
   */
  giveUpAttempts: number;
  giveUpAfterMs: number;
}

export const DEFAULT_IMAP_TIMING: ImapTiming = {
  retryMs: 1000,
  maxRetryMs: 60_000,
  giveUpAttempts: 10,
  giveUpAfterMs: 60 * 60_000,
};

/** What became of one mail: handled (a report, or one it joined), refused for good, or to be tried again. */
type Outcome = 'done' | 'refused' | 'retry';

/** How long the database may take to answer before a failing mail's failure is put down to an outage. */
const DATABASE_ANSWERS_WITHIN_MS = 2_000;

/** Only the kind of failure: an IMAP server's or the database's text could quote a mail's words or address. */
function connectionProblem(error: unknown): Record<string, unknown> {
  const e = error as { code?: unknown; name?: unknown } | null;
  return { type: e?.name, code: e?.code };
}

/**
 * Reads the city's mailbox over IMAP (`imapflow`): each unseen mail in the folder goes through the same intake as
 * the SMTP receiver (email-intake.ts#receiveMail), with its Message-ID as the message id, so a mail that also came
 * by SMTP, or is read twice, is one report. Only after the report is committed is the mail marked seen (or moved to
 * the done folder); a failure before that leaves it unseen, to be read again, until the same mail has failed 10
 * times over an hour while the database answered: then it is given up like a refused one. A mail the intake
 * refuses (no words, too large, not a mail) cannot be bounced from here: it is marked seen and flagged for a
 * person to look at.
 * New mail is noticed through IDLE where the server offers it, and the folder is read again every `pollSeconds`
 * anyway. A dropped connection is opened again after a wait that doubles per failure (1 s up to 1 min).
 */
export function startImapMailbox(
  ctx: AppContext,
  config: EmailConfig & { imap: ImapConfig },
  channel = 'email',
  timing: ImapTiming = DEFAULT_IMAP_TIMING,
): ImapMailbox {
  const imap = config.imap;
  let stopped = false;
  let wake: (() => void) | null = null;
  let current: ImapFlow | null = null;
  /** Failed mails by folder generation and uid (UIDVALIDITY:uid): how often, and since when. Kept in memory. */
  const failing = new Map<string, { attempts: number; since: number }>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function handle(client: ImapFlow, uid: number): Promise<Outcome> {
    const head = await client.fetchOne(String(uid), { size: true }, { uid: true });
    if (!head) return 'done';
    if ((head.size ?? 0) > config.maxBytes) {
      ctx.log.warn({ channel, code: 'too_large' }, 'e-mail from the IMAP mailbox refused; flagged there');
      return 'refused';
    }
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) return 'done';
    try {
      const mail = await simpleParser(message.source);
      const fallbackId = `sha256:${createHash('sha256').update(message.source).digest('hex')}`;
      await receiveMail(ctx, mail, channel, fallbackId);
      return 'done';
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus < 500) {
        ctx.log.warn({ channel, code: error.code }, 'e-mail from the IMAP mailbox refused; flagged there');
        return 'refused';
      }
      ctx.log.error({ err: loggableError(error) }, 'e-mail intake failed; the mail stays unseen');
      return 'retry';
    }
  }

  /** After a failure: 'refused' once the mail has failed often enough, for long enough, with the database up. */
  async function afterFailure(key: string): Promise<Outcome> {
    const now = Date.now();
    const seen = failing.get(key) ?? { attempts: 0, since: now };
    seen.attempts++;
    failing.set(key, seen);
    if (seen.attempts < timing.giveUpAttempts || now - seen.since < timing.giveUpAfterMs) return 'retry';
    if (!(await ctx.store.ping(DATABASE_ANSWERS_WITHIN_MS))) return 'retry';
    failing.delete(key);
    ctx.log.error(
      { channel, attempts: seen.attempts, minutes: Math.round((now - seen.since) / 60_000) },
      'e-mail intake kept failing on one mail; given up, flagged in the mailbox for a person',
    );
    return 'refused';
  }

  async function sweep(client: ImapFlow): Promise<void> {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    const folder = typeof client.mailbox === 'object' ? String(client.mailbox.uidValidity) : '';
    for (const uid of uids) {
      if (stopped) return;
      const key = `${folder}:${uid}`;
      let outcome = await handle(client, uid);
      if (outcome === 'retry') outcome = await afterFailure(key);
      else failing.delete(key);
      if (outcome === 'retry') continue;
      if (outcome === 'refused') {
        await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
      } else if (imap.doneMailbox) {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        await client.messageMove(String(uid), imap.doneMailbox, { uid: true });
      } else {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    }
  }

  async function session(): Promise<void> {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      clientInfo: { name: 'Sigap' },
      // IDLE soon after each pass, so the server can tell of new mail at once
      autoIdleDelay: 1000,
    });
    current = client;
    // an 'error' without a listener would end the process; the 'close' that follows ends this session
    client.on('error', (error: unknown) =>
      ctx.log.warn({ channel, ...connectionProblem(error) }, 'IMAP connection error'),
    );
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    try {
      await client.connect();
      if (imap.doneMailbox) await client.mailboxCreate(imap.doneMailbox).catch(() => undefined);
      await client.mailboxOpen(imap.mailbox);
      let arrived = false;
      client.on('exists', () => {
        arrived = true;
        wake?.();
      });
      void closed.then(() => wake?.());
      while (!stopped && client.usable) {
        arrived = false;
        await sweep(client);
        if (!stopped && client.usable && !arrived) await pause(imap.pollSeconds * 1000);
      }
    } finally {
      current = null;
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
  }

  const running = (async () => {
    let failures = 0;
    while (!stopped) {
      const startedAt = Date.now();
      try {
        await session();
      } catch (error) {
        ctx.log.warn({ channel, ...connectionProblem(error) }, 'IMAP mailbox not reachable');
      }
      if (stopped) break;
      // a session that lasted a while was a working connection: start the waits over
      failures = Date.now() - startedAt > timing.maxRetryMs ? 1 : failures + 1;
      await pause(Math.min(timing.maxRetryMs, timing.retryMs * 2 ** (failures - 1)));
    }
  })();

  return {
    async close() {
      stopped = true;
      wake?.();
      current?.close();
      await running;
    },
  };
}
