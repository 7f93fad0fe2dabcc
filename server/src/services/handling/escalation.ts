import { loggableError } from '../../security/loggable-error.js';
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

/** Runs the sweep now and then every `seconds`; returns a stop function. The timer only wakes the sweep. */
export function startEscalationLoop(ctx: AppContext, seconds: number): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const sweep = () => {
    if (running) return;
    running = escalateOverdue(ctx)
      .catch((error: unknown) => ctx.log.error({ err: loggableError(error) }, 'escalation sweep failed'))
      .finally(() => (running = null));
  };
  sweep();
  const timer = setInterval(sweep, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
