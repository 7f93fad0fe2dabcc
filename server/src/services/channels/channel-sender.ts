import type { NotificationFacts } from './notification-text.js';

/** How a channel reaches a sender: the handle it knew them by, opened from the vault only to send. */
export interface SenderHandle {
  kind: 'phone' | 'email' | 'handle';
  value: string;
}

/**
 * A channel that can answer its senders (channels/<name>/). `send` throws when the channel's service refuses or
 * cannot be reached, so the job retries it with backoff (services/jobs/job-types.ts) and, out of retries, puts it
 * on the admins' dead-letter list.
 */
export interface ChannelSender {
  send(to: SenderHandle, text: string, about: MessageContext): Promise<void>;
}

/** What a message is about: its report, and the channel's id of the citizen's first message (to thread replies). */
export interface MessageContext {
  ticket: string;
  threadId: string | null;
  /**
   * For a notification: a reference the channel can give its message and read back from a reply (e-mail: the
   * Message-ID's local part, services/channels/mail-thread.ts)
   */
  reference?: string;
  /** set for a notification (not an immediate answer): what a channel with a reply window needs (WhatsApp) */
  notice?: {
    /** when the sender's newest message on this channel was received; null when none is known */
    lastInboundAt: Date | null;
    now: Date;
    /** the news without the ticket, e.g. `sedang dikerjakan petugas.` */
    sentence: string;
    /** the news as data, for a channel that is another system (LAPOR!) rather than a person */
    facts: NotificationFacts;
    /** the report event it is about (with the ticket, a key the other system can recognise a resend by) */
    seq: number;
  };
}

/** The channels that can answer, by channel code (city.json `channels`); a channel not named sends nothing. */
export type ChannelSenders = Readonly<Record<string, ChannelSender>>;
