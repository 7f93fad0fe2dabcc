import { ticketOfMessage } from '../../store/inbound-repository.js';
import type { AppContext } from '../app/app-context.js';

/**
 * The local part of the Message-ID of Sigap's mail about one notification: `<ticket>.<seq>.<tag>`, where the tag
 * is a keyed hash of the ticket and event (so a reply's In-Reply-To maps back to its report without a lookup
 * table, and an id cannot be made up for someone else's report without the city's key). The e-mail channel puts
 * it before `@` and the city's domain.
 */
export function mailReference(ctx: AppContext, ticket: string, seq: number): string {
  return `${ticket}.${seq}.${tagOf(ctx, ticket, seq)}`;
}

// the sender-key secret, under a prefix no channel's handle has (`mail-thread:`; handles are `<channel>:…`)
const tagOf = (ctx: AppContext, ticket: string, seq: number) =>
  ctx.vault.senderKeyOf(`mail-thread:${ticket}.${seq}`).slice(0, 20);

/** The ticket a Message-ID of Sigap's names, when its tag is right; null for any other id. */
export function ticketOfReference(ctx: AppContext, messageId: string): string | null {
  const match = /^<?([A-Z0-9]{1,6}\d{10,})\.(\d{1,9})\.([0-9a-f]{20})@[^>\s]+>?$/.exec(messageId.trim());
  if (!match) return null;
  const [, ticket, seq, tag] = match;
  return tag === tagOf(ctx, ticket!, Number(seq)) ? ticket! : null;
}

/**
 * The report an e-mail replies about, from its In-Reply-To and References (newest first): a notification Sigap
 * sent (its Message-ID, mailReference) or the citizen's own earlier mail (a stored message of the channel). Whether
 * the sender may join it is decided by the intake (the same sender must have filed it).
 */
export async function ticketOfMailThread(
  ctx: AppContext,
  channel: string,
  ids: readonly string[],
): Promise<string | null> {
  for (const id of [...ids].reverse().slice(0, 20)) {
    const ticket = ticketOfReference(ctx, id) ?? (await ticketOfMessage(ctx.store.db, channel, id));
    if (ticket) return ticket;
  }
  return null;
}
