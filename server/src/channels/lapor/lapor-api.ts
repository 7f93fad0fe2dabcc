import { STATUS_LABELS } from '../../domain/statuses.js';
import type { ChannelSender, MessageContext, SenderHandle } from '../../services/channels/channel-sender.js';
import type { LaporConfig } from './lapor-config.js';

/** The path of a forwarded report's status on LAPOR!'s side (docs/channels/lapor.md, `sigap.lapor.v1`). */
export const laporStatusPath = (trackingId: string) => `/v1/laporan/${encodeURIComponent(trackingId)}/status`;

/**
 * Statuses back to LAPOR!: each notification of a forwarded report (received with its ticket, then every status
 * someone gave it) as one JSON POST under the city's bearer token. The `Idempotency-Key` (ticket and event) lets
 * LAPOR! recognise a resend: delivery is at least once. A refusal or an unreachable API throws, so the job is
 * retried with backoff and, out of retries, listed for admins. Only the tracking id, the ticket, the status and the
 * note as the public may read it leave: never the reporter.
 */
export function laporSender(config: LaporConfig): ChannelSender {
  return {
    async send(to: SenderHandle, text: string, about: MessageContext) {
      if (to.kind !== 'handle') throw new Error(`LAPOR! answers by tracking id, not by ${to.kind}`);
      const notice = about.notice;
      if (!notice) throw new Error('LAPOR! takes notifications only');
      const response = await fetch(`${config.apiUrl}${laporStatusPath(to.value)}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${config.apiToken}`,
          'content-type': 'application/json',
          'idempotency-key': `${about.ticket}:${notice.seq}`,
        },
        body: JSON.stringify({
          schema: 'sigap.lapor.v1',
          trackingId: to.value,
          ticket: about.ticket,
          event: notice.facts.kind,
          status: notice.facts.status,
          statusLabel: STATUS_LABELS[notice.facts.status],
          note: notice.facts.note,
          // the citizen follows it on LAPOR!, where "reply CEK" of the chat channels means nothing
          message:
            notice.facts.kind === 'received'
              ? `Laporan diterima dan dicatat dengan No tiket ${about.ticket}.`
              : text,
          at: notice.now.toISOString(),
        }),
        signal: AbortSignal.timeout(15_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`LAPOR! answered ${response.status}`);
    },
  };
}
