import { guessLanguage } from '../../domain/language-guess.js';
import type { InboundMessage } from './intake.js';

/** Channel kinds whose sender hears back only through the channel (an SMS, an e-mail, a chat). */
export const REPLY_KINDS: readonly string[] = ['email', 'sms', 'messaging', 'social'];

/**
 * Whether the channel answers this message's sender: a person on a reply channel, or the system that forwarded it
 * under its own case id (LAPOR!'s tracking id, a `handle`). A forwarded report a desk typed in carries the
 * citizen's phone instead, and that channel never texts a citizen.
 */
export function answersSender(inbound: Pick<InboundMessage, 'sender'>, channelKind: string): boolean {
  if (!inbound.sender) return false;
  if (channelKind === 'forwarded') return inbound.sender.kind === 'handle';
  return REPLY_KINDS.includes(channelKind);
}

/**
 * What an inbound message keeps sealed in the vault: its first answer (for a delivery that comes again), the
 * channel's payload, and, on a channel that answers its senders, the sender's handle (services/channels/
 * deliver.ts). Null when there is nothing to keep.
 */
export function sealedInbound(inbound: InboundMessage, answer: unknown, channelKind: string) {
  const sender = answersSender(inbound, channelKind) ? inbound.sender : null;
  if (inbound.externalId === null && inbound.raw === null && sender === null) return null;
  return {
    ...(inbound.raw === null ? {} : { raw: inbound.raw }),
    // the language the sender wrote in, guessed from the text (domain/language-guess.ts): notifications use it
    ...(sender ? { sender } : {}),
    ...(sender && inbound.report.text.trim() ? { lang: guessLanguage(inbound.report.text) } : {}),
    answer,
  };
}
