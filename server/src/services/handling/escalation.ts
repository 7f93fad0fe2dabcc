import { DomainError } from '../../domain/domain-error.js';
import type { Actor } from '../../domain/report-events.js';
import { dueForEscalation } from '../../store/report-queries.js';
import { act, loadReport } from './actions.js';
import type { AppContext } from '../app/app-context.js';
import { escalationParent } from './schedule.js';

const SYSTEM: Actor = { kind: 'system', id: 'eskalasi-sla', unitId: null };

/**
 * Escalates every open report whose next escalation time has passed, one level up, with an event. The time is
 * a column written with each event, so a restart loses nothing: the next sweep finds what is due.
 */
export async function escalateOverdue(ctx: AppContext, batch = 200): Promise<number> {
  let escalated = 0;
  for (;;) {
    const tickets = await dueForEscalation(ctx.store.db, ctx.now(), batch);
    let progressed = 0;
    for (const ticket of tickets) {
      const state = await loadReport(ctx, ticket);
      const target = escalationParent(ctx.city, state.escalatedUnitId ?? state.assignedUnitId);
      if (!target) continue;
      try {
        await act(ctx, ticket, { type: 'escalate', targetUnitId: target }, SYSTEM);
        escalated++;
        progressed++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        ctx.log.warn({ ticket, code: error.code }, 'escalation skipped');
      }
    }
    if (tickets.length < batch || progressed === 0) return escalated;
  }
}
