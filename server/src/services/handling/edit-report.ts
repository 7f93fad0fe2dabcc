import type { Replacement } from '../../domain/decide.js';
import type { Actor, EditChanges } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { act, type ActOptions } from './actions.js';
import type { Upload } from '../intake/media-service.js';
import type { AppContext } from '../app/app-context.js';
import { placeReport } from '../intake/placement.js';
import { chooseCategory } from '../intake/choose-category.js';
import { categoryIsTheModels } from '../../store/report-repository.js';

export type ReportChanges = EditChanges;

/**
 * Where the report belongs after the reporter's edit. While the category is the model's own choice, a new text
 * is classified again, as at intake (the reporter often says more of what is wrong; an officer's or the
 * reporter's own category is never overridden). A GPS point sent after the text (a chat's location message)
 * decides the place, as at intake; an earlier point decides by itself; without one the new address (or a place
 * named in the new text) places the report again. The report is routed again when its place or category moved;
 * undefined when nothing moves.
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
  const newPoint = changes.lat !== undefined && changes.lng !== undefined;
  const hasGps = s.lat !== null && s.lng !== null;
  if (!category && !newPoint && (hasGps || (changes.address === undefined && changes.text === undefined)))
    return undefined;
  const placed = placeReport(ctx.city, category?.category ?? s.categoryCode, {
    lat: newPoint ? changes.lat : s.lat,
    lng: newPoint ? changes.lng : s.lng,
    address: changes.address !== undefined ? changes.address : s.address,
    text,
  });
  if (!category && placed.kelurahanCode === s.kelurahanCode && placed.assignedUnitId === s.assignedUnitId)
    return undefined;
  const why = newPoint ? 'lokasi dari pelapor' : 'diubah pelapor';
  return {
    kelurahanCode: placed.kelurahanCode,
    assignedUnitId: placed.assignedUnitId,
    suggestedUnitId: placed.suggestedUnitId,
    rule: `${why}; ${category ? `${category.explanation}; ` : ''}${placed.rule}`,
    ...(category?.auto ? { category: { code: category.category, classification: category.auto } } : {}),
  };
}

/**
 * The reporter edits the text, the address or the GPS point while the report waits (Menunggu); the report may move
 * with it.
 */
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
