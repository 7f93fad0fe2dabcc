import { linkOlderAuditEntries } from '../../store/audit-repository.js';
import { linkReportEvents, reportsWithUnlinkedEvents } from '../../store/event-chain.js';
import type { AppContext } from '../app/app-context.js';

/**
 * At start: entries and events written before the hash chains existed get their links, so that from then on an
 * entry without a link is a sign of tampering. Returns how many reports were linked.
 */
export async function linkOlderHistory(ctx: AppContext): Promise<number> {
  const secret = ctx.vault.chainSecret;
  await linkOlderAuditEntries(ctx.store.db, secret);
  let linked = 0;
  for (;;) {
    const reports = await reportsWithUnlinkedEvents(ctx.store.db, 200);
    if (reports.length === 0) return linked;
    for (const reportId of reports)
      await ctx.store.db.transaction().execute((tx) => linkReportEvents(tx, secret, reportId));
    linked += reports.length;
  }
}
