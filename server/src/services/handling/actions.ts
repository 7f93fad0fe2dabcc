import type { Kysely } from 'kysely';
import { accusedOffices } from '../../city/conduct.js';
import { authorize, can } from '../../domain/authorize.js';
import { type Command, decide } from '../../domain/decide.js';
import { DomainError } from '../../domain/domain-error.js';
import { evolve } from '../../domain/evolve.js';
import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import { insertAttachments, insertCropHashes } from '../../store/attachment-repository.js';
import { appendEvent, findReportByTicket, listEvents } from '../../store/report-repository.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../app/app-context.js';
import { staffReportResource } from '../identity/policies.js';
import { attachmentRows, cropHashRows } from '../intake/attachment-rows.js';
import { evidenceFlagRows, recordEvidenceFlags } from './evidence-integrity.js';
import type { Upload } from '../intake/media-service.js';
import { publicNoteFor, publicTextFor } from '../intake/public-text.js';
import { scheduleFor } from './schedule.js';
import { insertOutbox, type OutboxItem } from '../../store/outbox-repository.js';
import { withStagedMedia } from '../intake/staged-media.js';
import type { IngestedMedia } from '../intake/media-service.js';
import { outboxItem } from '../jobs/job-types.js';
import { checkVersion } from './report-version.js';

export const REPORT_NOT_FOUND = DomainError.notFound({
  id: 'Laporan tidak ditemukan',
  en: 'Report not found',
});

const STAFF_KINDS: readonly Actor['kind'][] = ['officer', 'verifier', 'admin', 'reveal_authority'];

export async function loadReport(ctx: AppContext, ticket: string): Promise<ReportState> {
  const state = await findReportByTicket(ctx.store.db, ticket);
  if (!state) throw REPORT_NOT_FOUND;
  return state;
}

/**
 * The report as it is now, for a change by `actor`: staff who may not read it get "not found"; with the version
 * the actor saw, a report changed since is refused (409) before anything is decided.
 */
export async function loadForChange(
  ctx: AppContext,
  ticket: string,
  actor: Actor,
  expectedVersion: number | undefined,
): Promise<ReportState> {
  const state = await loadReport(ctx, ticket);
  if (STAFF_KINDS.includes(actor.kind)) await staffResourceMayBeRead(ctx, state, actor);
  checkVersion(state, expectedVersion);
  return state;
}

async function staffResourceMayBeRead(ctx: AppContext, before: ReportState, actor: Actor) {
  const resource = staffReportResource(ctx, before, await listEvents(ctx.store.db, before.id));
  if (!can(actor, 'report.read', resource)) throw REPORT_NOT_FOUND;
  return resource;
}

function checkTargetUnit(ctx: AppContext, state: ReportState, command: Command): void {
  if (command.type !== 'coordinate' && command.type !== 'delegate') return;
  const target = ctx.city.city.units.get(command.targetUnitId);
  if (!target)
    throw DomainError.invalid({
      id: `Unit tujuan "${command.targetUnitId}" tidak dikenal`,
      en: `Unknown target unit "${command.targetUnitId}"`,
    });
  if (accusedOffices(ctx.city.city, state.categoryCode, state.kelurahanCode).has(target.id))
    throw new DomainError(409, 'accused_office', {
      id: 'Pengaduan tentang perilaku aparatur tidak boleh diteruskan ke kantor wilayah tempat kejadian, yang mungkin diadukan',
      en: 'A complaint about officials’ conduct may not be passed to the offices of its place, which it may accuse',
    });
  if (command.type === 'delegate' && target.parentId !== state.assignedUnitId)
    throw DomainError.invalid({
      id: 'Disposisi hanya dapat diberikan kepada unit di bawah unit yang menangani (misalnya Dinas ke Suku Dinas)',
      en: 'Delegation only goes to a unit under the handling unit (e.g. a Dinas to its Suku Dinas)',
    });
}

/**
 * What an action leaves to do after its commit: transcode uploaded videos; tell the citizen of a new status that
 * someone else gave their report (their own withdrawal or reopening they know about).
 */
export function owedAfterAction(
  media: IngestedMedia[],
  before: ReportState,
  after: ReportState,
  actor: Actor,
  now: Date,
): OutboxItem[] {
  const owed = media
    .filter((m) => m.processing === 'pending')
    .map((m) => outboxItem('transcode-video', { attachmentId: m.id }, now));
  if (after.status !== before.status && actor.kind !== 'citizen')
    owed.push(
      outboxItem(
        'notify-citizen',
        { reportId: after.id, seq: after.eventCount, kind: 'status_changed', status: after.status },
        now,
      ),
      outboxItem('push-citizen', { reportId: after.id, seq: after.eventCount, status: after.status }, now),
    );
  return owed;
}

/**
 * Staff first: a report they may not see is "not found", exactly like one that does not exist (a 403 would tell
 * them it exists); and whoever gave a follow-up never validates it (separation of duties).
 */
async function checkStaffMay(
  ctx: AppContext,
  before: ReportState,
  actor: Actor,
  command: Command,
): Promise<void> {
  if (!STAFF_KINDS.includes(actor.kind)) return;
  const resource = await staffResourceMayBeRead(ctx, before, actor);
  if (command.type === 'approve' || command.type === 'return')
    authorize(actor, `report.${command.type}`, resource);
}

export interface ActOptions {
  /** What the uploads are: evidence of a follow-up (the default; checked for reuse), or the reporter's own. */
  attachmentRole?: 'evidence' | 'report';
  /** Act as the report's own reporter (a message its sender sent on the channel the report came from). */
  asReporter?: boolean;
  /** More rows to write in the action's transaction (the inbound message a joined message came in). */
  alsoWrite?: (tx: Kysely<Database>) => Promise<void>;
  /** The version (event count) the actor saw; a report changed since is refused with 409. */
  expectedVersion?: number;
}

/**
 * One officer, verifier, citizen or system action on a report (the command, or how to make it from the report
 * as it is): decided by the domain, deadlines recomputed,
 * the event appended and the state stored in one transaction.
 */
export async function act(
  ctx: AppContext,
  ticket: string,
  commandFor: Command | ((before: ReportState) => Command),
  actor: Actor,
  uploads: Upload[] = [],
  options: ActOptions = {},
): Promise<ReportState> {
  const role = options.attachmentRole ?? 'evidence';
  const now = ctx.now();
  const before = await loadReport(ctx, ticket);
  if (options.asReporter) actor = { kind: 'citizen', id: before.citizenId, unitId: null };
  const command = typeof commandFor === 'function' ? commandFor(before) : commandFor;
  await checkStaffMay(ctx, before, actor, command);
  checkVersion(before, options.expectedVersion);
  checkTargetUnit(ctx, before, command);
  if (command.type === 'follow_up' && uploads.length === 0)
    throw DomainError.invalid({
      id: 'Tindak lanjut wajib disertai minimal satu foto bukti',
      en: 'A follow-up needs at least one evidence photo',
    });
  decide(
    before,
    command.type === 'follow_up' ? { ...command, attachmentIds: ['pending'] } : command,
    actor,
    now,
  );
  const { after, owed } = await withStagedMedia(
    ctx,
    uploads,
    { evidence: role === 'evidence' },
    async (media) => {
      const flags = role === 'evidence' ? await evidenceFlagRows(ctx, before, media, now) : [];
      const finalCommand =
        command.type === 'follow_up' ? { ...command, attachmentIds: media.map((m) => m.id) } : command;
      const event = decide(before, finalCommand, actor, now);
      event.schedule = { ...event.schedule, ...scheduleFor(ctx.city, evolve(before, event), event) };
      const after = evolve(before, event);
      // an edited text gets its public version now, while the vault is at hand (public reads never open it)
      const publicText =
        event.type === 'edited' && event.changes.text !== undefined
          ? await publicTextFor(ctx, after)
          : undefined;
      const publicNote = await publicNoteFor(ctx, after, event);
      const owed = owedAfterAction(media, before, after, actor, now);
      await ctx.store.db.transaction().execute(async (tx) => {
        await insertAttachments(tx, attachmentRows(media, before.id, role, `${actor.kind}:${actor.id}`, now));
        await insertCropHashes(tx, cropHashRows(media));
        await recordEvidenceFlags(tx, flags);
        await appendEvent(tx, ctx.vault.chainSecret, before, after, event, { publicText, publicNote });
        await insertOutbox(tx, owed);
        await options.alsoWrite?.(tx);
      });
      ctx.log.info({ ticket, event: event.type, status: after.status }, 'report changed');
      if (flags.length) ctx.log.info({ ticket, flags: flags.map((f) => f.code) }, 'evidence flagged');
      return { after, owed: owed.length > 0 };
    },
  );
  // after the files are readable: a job may need them (the transcoding of a video)
  if (owed) ctx.jobs?.poke();
  return after;
}
