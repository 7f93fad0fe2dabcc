import type { Replacement } from '../../domain/decide.js';
import type { Actor, EditChanges } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { act, type ActOptions } from './actions.js';
import type { Upload } from '../intake/media-service.js';
import type { AppContext } from '../app/app-context.js';
import { placeReport } from '../intake/placement.js';

export type ReportChanges = EditChanges;

/**
 * Where the report belongs after the reporter's edit. A GPS point decides the place by itself; without one the
 * new address (or a place named in the new text) places and routes the report again, as at intake. Undefined
 * when nothing moves.
 */
function replacementFor(ctx: AppContext, s: ReportState, changes: ReportChanges): Replacement | undefined {
  if (changes.lat !== undefined && changes.lng !== undefined) {
    // a point sent after the text (a chat's location message) decides the place, as at intake
    const placed = placeReport(ctx.city, s.categoryCode, {
      lat: changes.lat,
      lng: changes.lng,
      address: s.address,
      text: s.text,
    });
    if (placed.kelurahanCode === s.kelurahanCode && placed.assignedUnitId === s.assignedUnitId)
      return undefined;
    return {
      kelurahanCode: placed.kelurahanCode,
      assignedUnitId: placed.assignedUnitId,
      suggestedUnitId: placed.suggestedUnitId,
      rule: `lokasi dari pelapor; ${placed.rule}`,
    };
  }
  if (s.lat !== null && s.lng !== null) return undefined;
  if (changes.address === undefined && changes.text === undefined) return undefined;
  const placed = placeReport(ctx.city, s.categoryCode, {
    address: changes.address !== undefined ? changes.address : s.address,
    text: changes.text ?? s.text,
  });
  if (placed.kelurahanCode === s.kelurahanCode && placed.assignedUnitId === s.assignedUnitId)
    return undefined;
  return {
    kelurahanCode: placed.kelurahanCode,
    assignedUnitId: placed.assignedUnitId,
    suggestedUnitId: placed.suggestedUnitId,
    rule: `diubah pelapor; ${placed.rule}`,
  };
}

/**
 * The reporter edits the text, the address or the GPS point while the report waits (Menunggu); the report may move
 * with it.
 */
export function editReport(
  ctx: AppContext,
  ticket: string,
  changes: ReportChanges | ((before: ReportState) => ReportChanges),
  actor: Actor,
  uploads: Upload[] = [],
  options: ActOptions = {},
) {
  return act(
    ctx,
    ticket,
    (before) => {
      const wanted = typeof changes === 'function' ? changes(before) : changes;
      return { type: 'edit', changes: wanted, placement: replacementFor(ctx, before, wanted) };
    },
    actor,
    uploads,
    options,
  );
}
