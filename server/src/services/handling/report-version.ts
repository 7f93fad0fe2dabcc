import { DomainError } from '../../domain/domain-error.js';
import type { ActorKind } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import { findReportByTicket, listEvents } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { EVENT_LABELS } from '../reads/event-labels.js';
import { localTime } from '../reads/evidence-flag-view.js';

// A report's version is its event count: every change appends exactly one event under a guard on that count
// (store/report-repository.ts#appendEvent), so the number a staff member saw names the state they acted on.

const STALE = 'stale_version';

/** The version the actor saw is not the report's now: refused before anything is decided or written. */
export function checkVersion(before: ReportState, expected: number | undefined): void {
  if (expected !== undefined && expected !== before.eventCount)
    throw DomainError.conflict(
      {
        id: 'Laporan sudah diubah sejak Anda membukanya',
        en: 'The report has changed since you opened it',
      },
      STALE,
    );
}

const ACTOR_NAMES: Record<ActorKind, { id: string; en: string }> = {
  citizen: { id: 'pelapor', en: 'the reporter' },
  officer: { id: 'petugas', en: 'an officer' },
  verifier: { id: 'verifikator', en: 'a verifier' },
  admin: { id: 'administrator', en: 'an administrator' },
  reveal_authority: { id: 'pejabat pembuka identitas', en: 'the identity official' },
  monitor: { id: 'akun ruang pantau', en: 'a monitoring-room account' },
  system: { id: 'sistem', en: 'the system' },
};

/** Whether an action failed because someone changed the report first (before or during the action). */
export function isConflict(error: unknown): error is DomainError {
  return error instanceof DomainError && (error.code === STALE || error.code === 'concurrent_change');
}

/**
 * A 409 that says in plain words what happened since the version the actor saw: the last change, by whom
 * (role and office, never a person) and when, and the status now. Without a version, or when the report itself
 * is as the actor saw it (the other report of a merge changed), the plain conflict is kept.
 */
export async function explainConflict(
  ctx: AppContext,
  ticket: string,
  seen: number | undefined,
  original: DomainError,
): Promise<DomainError> {
  const now = await findReportByTicket(ctx.store.db, ticket);
  if (!now || seen === undefined || now.eventCount === seen) return original;
  const unseen = (await listEvents(ctx.store.db, now.id)).filter((e) => e.seq > seen);
  const last = unseen[unseen.length - 1];
  if (!last) return original;
  const { event } = last;
  const who = ACTOR_NAMES[event.actor.kind];
  const unit = event.actor.unitId ? ctx.city.city.units.get(event.actor.unitId)?.name : undefined;
  const when = localTime(event.at.toISOString(), ctx.city.city.config.utcOffsetMinutes);
  const label = EVENT_LABELS[event.type];
  const status = STATUS_LABELS[now.status as Status];
  const more = unseen.length - 1;
  return new DomainError(409, STALE, {
    id:
      `Orang lain bertindak lebih dulu: "${label.id}" oleh ${who.id}${unit ? ` ${unit}` : ''} pada ${when}. ` +
      `Status laporan sekarang: ${status.id}.` +
      (more > 0 ? ` Ada ${more} perubahan lain sejak Anda membukanya.` : '') +
      ' Tindakan Anda tidak disimpan.',
    en:
      `Someone acted first: "${label.en}" by ${who.en}${unit ? ` of ${unit}` : ''} on ${when}. ` +
      `The report’s status is now: ${status.en}.` +
      (more > 0
        ? ` There ${more === 1 ? 'was 1 other change' : `were ${more} other changes`} since you opened it.`
        : '') +
      ' Your action was not saved.',
  });
}
