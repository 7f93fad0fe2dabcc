import { authorize, can } from './authorize.js';
import { DomainError } from './domain-error.js';
import type { Actor, AutoCategory, EditChanges, ReportEvent } from './report-events.js';
import type { ReportState } from './report-state.js';
import { OPEN_STATUSES, STATUS_LABELS, type Status } from './statuses.js';

/** The open report a duplicate is merged into, as the service loaded it. */
export type MergeTarget = Pick<ReportState, 'id' | 'ticket' | 'status'>;

export type Command =
  | { type: 'edit'; changes: EditChanges; placement?: Replacement }
  | { type: 'coordinate'; targetUnitId: string; note?: string | null }
  | { type: 'delegate'; targetUnitId: string; note?: string | null }
  | { type: 'start_process'; note?: string | null }
  | { type: 'set_ews'; until: Date; reason: string }
  | { type: 'follow_up'; attachmentIds: string[]; note: string }
  | { type: 'approve'; note?: string | null }
  | { type: 'return'; note: string }
  | { type: 'reject'; reason: string }
  | { type: 'withdraw'; reason?: string | null }
  | { type: 'rate'; rating: number; comment?: string | null }
  | { type: 'reopen'; reason: string; windowDays: number }
  | { type: 'hide' | 'remove' | 'show'; reason: string }
  | { type: 'add_note'; note: string }
  | { type: 'escalate'; targetUnitId: string }
  | { type: 'merge'; into: MergeTarget; note?: string | null }
  | { type: 'recategorise'; categoryCode: string; route: Reroute; note?: string | null };

/** Where a report goes under its new category, as the service placed it with the city's routing rules. */
export interface Reroute {
  assignedUnitId: string;
  suggestedUnitId: string | null;
  rule: string;
}

/**
 * Where an edited report goes when its new address or text names another place, or its new text another
 * category (the service placed and classified it).
 */
export interface Replacement extends Reroute {
  kelurahanCode: string | null;
  /** Present when the model, asked again about the new text, chose another category. */
  category?: { code: string; classification: AutoCategory };
}

export type CommandType = Command['type'];
interface Rule {
  /** the statuses the command may be given in; who may give it is domain/authorize.ts's POLICIES */
  from: readonly Status[] | 'any';
}

const OPEN: readonly Status[] = ['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews'];

/** Which command may be given in which status. */
export const RULES: Record<CommandType, Rule> = {
  edit: { from: ['menunggu'] },
  withdraw: { from: ['menunggu'] },
  rate: { from: ['selesai'] },
  reopen: { from: ['selesai'] },
  coordinate: { from: OPEN },
  delegate: { from: OPEN },
  start_process: { from: ['menunggu', 'koordinasi', 'disposisi'] },
  set_ews: { from: ['proses', 'ews'] },
  follow_up: { from: ['proses', 'ews'] },
  reject: { from: OPEN },
  approve: { from: ['menunggu_validasi'] },
  return: { from: ['menunggu_validasi'] },
  hide: { from: 'any' },
  remove: { from: 'any' },
  show: { from: 'any' },
  add_note: { from: 'any' },
  escalate: { from: OPEN },
  merge: { from: OPEN },
  recategorise: { from: OPEN },
};

function hasRole(state: ReportState, actor: Actor, type: CommandType): boolean {
  return can(actor, `report.${type}`, { state });
}

function statusAllows(state: ReportState, type: CommandType): boolean {
  const rule = RULES[type];
  if (type === 'rate' && state.rating !== null) return false;
  return rule.from === 'any' || rule.from.includes(state.status);
}

export function isAllowed(state: ReportState, actor: Actor, type: CommandType): boolean {
  return statusAllows(state, type) && hasRole(state, actor, type);
}

/** The commands this actor may give now: the API hands this list to the UI. */
export function allowedCommands(state: ReportState, actor: Actor): CommandType[] {
  return (Object.keys(RULES) as CommandType[]).filter(
    (type) => type !== 'escalate' && isAllowed(state, actor, type),
  );
}

function requireText(value: string | null | undefined, what: { id: string; en: string }): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw DomainError.invalid({ id: `${what.id} wajib diisi`, en: `${what.en} is required` });
  return trimmed;
}

/** Who you are is checked before what state the report is in, so a stranger learns nothing about it. */
function checkAllowed(state: ReportState, actor: Actor, type: CommandType): void {
  authorize(actor, `report.${type}`, { state });
  if (type === 'rate' && state.rating !== null)
    throw DomainError.conflict({ id: 'Laporan ini sudah dinilai', en: 'This report has already been rated' });
  if (!statusAllows(state, type)) {
    const label = STATUS_LABELS[state.status];
    throw DomainError.conflict({
      id: `Tindakan ini tidak dapat dilakukan pada laporan berstatus ${label.id}`,
      en: `This action is not possible while the report is ${label.en}`,
    });
  }
}

function specificChecks(state: ReportState, command: Command, now: Date): void {
  if (command.type === 'coordinate' || command.type === 'delegate' || command.type === 'escalate') {
    const target = command.targetUnitId;
    if (target === state.assignedUnitId && command.type !== 'escalate')
      throw DomainError.invalid({
        id: 'Unit tujuan sama dengan unit yang sedang menangani',
        en: 'The target unit already handles this report',
      });
  }
  if (command.type === 'set_ews' && !(command.until.getTime() > now.getTime()))
    throw DomainError.invalid({
      id: 'Estimasi waktu selesai harus di masa depan',
      en: 'The estimated completion date must be in the future',
    });
  if (command.type === 'follow_up' && command.attachmentIds.length === 0)
    throw DomainError.invalid({
      id: 'Tindak lanjut wajib disertai minimal satu foto bukti',
      en: 'A follow-up needs at least one evidence photo',
    });
  if (command.type === 'merge') checkMergeTarget(state, command.into);
  if (command.type === 'recategorise' && command.categoryCode === state.categoryCode)
    throw DomainError.invalid(
      { id: 'Kategori baru sama dengan kategori sekarang', en: 'The new category is the current one' },
      'same_category',
    );
  if (command.type === 'rate') {
    if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5)
      throw DomainError.invalid({ id: 'Nilai harus 1 sampai 5', en: 'The rating must be 1 to 5' });
    if (state.rating !== null)
      throw DomainError.conflict({
        id: 'Laporan ini sudah dinilai',
        en: 'This report has already been rated',
      });
  }
  if (command.type === 'reopen') {
    const resolvedAt = state.resolvedAt?.getTime() ?? 0;
    if (now.getTime() - resolvedAt > command.windowDays * 86_400_000)
      throw DomainError.conflict({
        id: `Laporan hanya dapat dibuka kembali dalam ${command.windowDays} hari setelah selesai`,
        en: `A report can only be reopened within ${command.windowDays} days of completion`,
      });
  }
}

function checkMergeTarget(state: ReportState, into: MergeTarget): void {
  if (into.id === state.id)
    throw DomainError.invalid(
      {
        id: 'Laporan tidak dapat digabung dengan dirinya sendiri',
        en: 'A report cannot be merged into itself',
      },
      'merge_into_itself',
    );
  if (!OPEN_STATUSES.has(into.status)) {
    const label = STATUS_LABELS[into.status];
    throw DomainError.conflict(
      {
        id: `Laporan ${into.ticket} berstatus ${label.id}; laporan hanya dapat digabung ke laporan yang masih terbuka`,
        en: `Report ${into.ticket} is ${label.en}; a report can only be merged into one that is still open`,
      },
      'merge_target_closed',
    );
  }
}

/**
 * Only the fields actually given; text trimmed and required; a GPS point only whole and on the globe (a location a
 * chat channel sent after the text); an edit that changes nothing is refused.
 */
function editChanges(changes: EditChanges) {
  const clean: EditChanges = {};
  if (changes.text !== undefined) clean.text = requireText(changes.text, TEXT);
  if (changes.address !== undefined) clean.address = changes.address?.trim() || null;
  if (changes.lat !== undefined || changes.lng !== undefined) {
    const { lat, lng } = changes;
    if (
      typeof lat !== 'number' ||
      typeof lng !== 'number' ||
      !(Math.abs(lat) <= 90) ||
      !(Math.abs(lng) <= 180)
    )
      throw DomainError.invalid({ id: 'Titik lokasi tidak sah', en: 'The location point is not valid' });
    clean.lat = lat;
    clean.lng = lng;
  }
  if (Object.keys(clean).length === 0)
    throw DomainError.invalid({ id: 'Tidak ada perubahan yang dikirim', en: 'No changes were sent' });
  return clean;
}

const TEXT = { id: 'Isi laporan', en: 'The report text' };
const REASON = { id: 'Alasan', en: 'A reason' };
const NOTE = { id: 'Catatan', en: 'A note' };

function toEvent(state: ReportState, command: Command, base: { at: Date; actor: Actor }): ReportEvent {
  switch (command.type) {
    case 'edit':
      return {
        ...base,
        type: 'edited',
        changes: editChanges(command.changes),
        ...(command.placement ? { placement: command.placement } : {}),
      };
    case 'coordinate':
      return { ...base, type: 'coordinated', targetUnitId: command.targetUnitId, note: command.note ?? null };
    case 'delegate':
      return { ...base, type: 'delegated', targetUnitId: command.targetUnitId, note: command.note ?? null };
    case 'start_process':
      return { ...base, type: 'process_started', note: command.note ?? null };
    case 'set_ews':
      return { ...base, type: 'ews_set', until: command.until, note: requireText(command.reason, REASON) };
    case 'follow_up':
      return {
        ...base,
        type: 'followed_up',
        attachmentIds: command.attachmentIds,
        note: requireText(command.note, NOTE),
      };
    case 'approve':
      return { ...base, type: 'approved', note: command.note ?? null };
    case 'return':
      return { ...base, type: 'returned', note: requireText(command.note, NOTE) };
    case 'reject':
      return { ...base, type: 'rejected', note: requireText(command.reason, REASON) };
    case 'withdraw':
      return { ...base, type: 'withdrawn', note: command.reason?.trim() || null };
    case 'rate':
      return { ...base, type: 'rated', rating: command.rating, note: command.comment?.trim() || null };
    case 'reopen':
      return {
        ...base,
        type: 'reopened',
        targetUnitId: state.assignedUnitId,
        note: requireText(command.reason, REASON),
      };
    case 'hide':
      return { ...base, type: 'hidden', note: requireText(command.reason, REASON) };
    case 'remove':
      return { ...base, type: 'removed', note: requireText(command.reason, REASON) };
    case 'show':
      return { ...base, type: 'shown', note: requireText(command.reason, REASON) };
    case 'add_note':
      return { ...base, type: 'note_added', note: requireText(command.note, NOTE) };
    case 'escalate':
      return {
        ...base,
        type: 'escalated',
        targetUnitId: command.targetUnitId,
        level: state.escalationLevel + 1,
      };
    case 'merge':
      return {
        ...base,
        type: 'merged',
        intoReportId: command.into.id,
        intoTicket: command.into.ticket,
        note: command.note?.trim() || null,
      };
    case 'recategorise':
      return {
        ...base,
        type: 'recategorised',
        fromCategory: state.categoryCode,
        toCategory: command.categoryCode,
        targetUnitId: command.route.assignedUnitId,
        suggestedUnitId: command.route.suggestedUnitId,
        rule: command.route.rule,
        note: command.note?.trim() || null,
      };
  }
}

/**
 * Decides whether a command is legal for the report as it is now and, if so, returns the event it produces.
 * Throws a DomainError (with an HTTP status and a bilingual message) otherwise. Deadlines are not set here:
 * the service adds a schedule computed with the city's calendar.
 */
export function decide(state: ReportState, command: Command, actor: Actor, now: Date): ReportEvent {
  checkAllowed(state, actor, command.type);
  specificChecks(state, command, now);
  return toEvent(state, command, { at: now, actor });
}
