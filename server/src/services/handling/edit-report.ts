import type { Replacement } from '../../domain/decide.js';
import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { act, type ActOptions } from './actions.js';
import type { Upload } from '../intake/media-service.js';
import type { AppContext } from '../app/app-context.js';
import { placeReport } from '../intake/placement.js';
import { chooseCategory } from '../intake/choose-category.js';
import { categoryIsTheModels } from '../../store/report-repository.js';

export interface ReportChanges {
  text?: string;
  address?: string | null;
}

/**
 * Where the report belongs after the reporter's edit. While the category is the model's own choice, a new text
 * is classified again, as at intake (the reporter often says more of what is wrong; an officer's or the
 * reporter's own category is never overridden). A GPS point decides the place by itself; without one the new
 * address (or a place named in the new text) places the report again. The report is routed again when its
 * place or category moved; undefined when nothing moves.
 */
function replacementFor(
  ctx: AppContext,
  s: ReportState,
  changes: ReportChanges,
  categoryByModel: boolean,
): Replacement | undefined {
  const text = changes.text ?? s.text;
  const chosen = categoryByModel && changes.text !== undefined ? chooseCategory(ctx, null, text) : null;
  const category = chosen && chosen.category !== s.categoryCode ? chosen : null;
  const hasGps = s.lat !== null && s.lng !== null;
  if (!category && (hasGps || (changes.address === undefined && changes.text === undefined)))
    return undefined;
  const placed = placeReport(ctx.city, category?.category ?? s.categoryCode, {
    lat: s.lat,
    lng: s.lng,
    address: changes.address !== undefined ? changes.address : s.address,
    text,
  });
  if (!category && placed.kelurahanCode === s.kelurahanCode && placed.assignedUnitId === s.assignedUnitId)
    return undefined;
  return {
    kelurahanCode: placed.kelurahanCode,
    assignedUnitId: placed.assignedUnitId,
    suggestedUnitId: placed.suggestedUnitId,
    rule: `diubah pelapor; ${category ? `${category.explanation}; ` : ''}${placed.rule}`,
    ...(category?.auto ? { category: { code: category.category, classification: category.auto } } : {}),
  };
}

/** The reporter edits the text or address while the report waits (Menunggu); the report may move with it. */
export async function editReport(
  ctx: AppContext,
  ticket: string,
  changes: ReportChanges | ((before: ReportState) => ReportChanges),
  actor: Actor,
  uploads: Upload[] = [],
  options: ActOptions = {},
) {
  const categoryByModel = await categoryIsTheModels(ctx.store.db, ticket);
  return act(
    ctx,
    ticket,
    (before) => {
      const wanted = typeof changes === 'function' ? changes(before) : changes;
      return {
        type: 'edit',
        changes: wanted,
        placement: replacementFor(ctx, before, wanted, categoryByModel),
      };
    },
    actor,
    uploads,
    options,
  );
}
