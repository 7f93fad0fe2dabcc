import { isConductCategory } from '../../city/conduct.js';
import { decide, type Reroute } from '../../domain/decide.js';
import { DomainError } from '../../domain/domain-error.js';
import { evolve } from '../../domain/evolve.js';
import type { Actor, RecategorisedEvent } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { appendEvent } from '../../store/report-repository.js';
import { publicNoteFor, publicTextFor } from '../intake/public-text.js';
import { recordLabelledExample } from '../model/labelled-examples.js';
import { loadForChange } from './actions.js';
import type { AppContext } from '../app/app-context.js';
import { placeInKelurahan } from '../intake/placement.js';

export interface RecategoriseRequest {
  categoryCode: string;
  note?: string | null;
  /** The version the actor saw (see report-version.ts). */
  expectedVersion?: number;
}

/**
 * Where the report goes under its new category. In Jakarta practice it stays with the unit that holds it
 * and the new responsible office becomes the one-click suggestion; in "direct" mode it goes to that office.
 * A report on the triage desk (place unknown) stays there until someone sets its place. A complaint about
 * officials' conduct always moves, away from the offices of its place (see city/conduct.ts).
 */
function rerouteFor(ctx: AppContext, state: ReportState, categoryCode: string): Reroute {
  const placement = placeInKelurahan(
    ctx.city,
    categoryCode,
    state.kelurahanCode ? { code: state.kelurahanCode, how: 'kelurahan laporan' } : null,
  );
  const moves =
    placement.mode === 'direct' ||
    state.assignedUnitId === ctx.city.city.config.triageUnitId ||
    isConductCategory(ctx.city.city, categoryCode);
  const assignedUnitId = moves ? placement.assignedUnitId : state.assignedUnitId;
  const suggestion = moves
    ? placement.suggestedUnitId
    : (placement.suggestedUnitId ?? placement.assignedUnitId);
  return {
    assignedUnitId,
    suggestedUnitId: suggestion === assignedUnitId ? null : suggestion,
    rule: `kategori diperbaiki petugas → ${categoryCode}; ${placement.rule}`,
  };
}

/**
 * An officer corrects a report's category: the report is routed again by the city's rules, the change is an
 * event in its history, and the report's text with the new category is stored as a labelled example that
 * the category model is retrained on, masked like the public text. Both writes share one transaction.
 */
export async function recategoriseReport(
  ctx: AppContext,
  ticket: string,
  request: RecategoriseRequest,
  actor: Actor,
): Promise<ReportState> {
  const now = ctx.now();
  const before = await loadForChange(ctx, ticket, actor, request.expectedVersion);
  if (!ctx.city.city.categories.has(request.categoryCode))
    throw DomainError.invalid({
      id: `Kategori "${request.categoryCode}" tidak dikenal`,
      en: `Unknown category "${request.categoryCode}"`,
    });
  const event = decide(
    before,
    {
      type: 'recategorise',
      categoryCode: request.categoryCode,
      route: rerouteFor(ctx, before, request.categoryCode),
      note: request.note,
    },
    actor,
    now,
  ) as RecategorisedEvent;
  const after = evolve(before, event);
  const publicNote = await publicNoteFor(ctx, after, event);
  const maskedText = await publicTextFor(ctx, before);
  await ctx.store.db.transaction().execute(async (tx) => {
    await appendEvent(tx, ctx.vault.chainSecret, before, after, event, { publicNote });
    await recordLabelledExample(tx, {
      report: before,
      maskedText,
      category: event.toCategory,
      previousCategory: event.fromCategory,
      labelledBy:
        actor.kind === 'officer' || actor.kind === 'verifier' || actor.kind === 'admin' ? actor.id : null,
      at: now,
    });
  });
  ctx.log.info({ ticket, from: event.fromCategory, to: event.toCategory }, 'report recategorised');
  return after;
}
