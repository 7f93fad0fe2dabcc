import type { CommandType } from './decide.js';
import { DomainError } from './domain-error.js';
import type { Actor } from './report-events.js';
import type { ReportState } from './report-state.js';

/**
 * Who may do what, in one table. Every route and service asks `authorize` (or `can`); the lifecycle rules of
 * domain/decide.ts add only *when* (which status), never *who*.
 */
export type Action =
  | `report.${Exclude<CommandType, 'escalate'>}`
  | 'report.escalate'
  /** open a report's staff view, its evidence and its history */
  | 'report.read'
  /** ask, with a reason, to see a report's reporter (dual control: someone else decides; audited) */
  | 'report.request_reveal'
  /** approve or refuse someone else's request to see a reporter (audited) */
  | 'reveal.decide'
  /** see the reporter under an approved request, for its short time (audited) */
  | 'reveal.view'
  /** the city-wide queue of follow-ups awaiting verification, instead of one's own unit's queue */
  | 'queue.verification'
  /** the job queue's dead letters: read them, send one back */
  | 'jobs.manage'
  /** read the audit trail (sign-ins, refusals, reveals, desk filings) */
  | 'audit.read'
  /** file a report at a desk for a citizen who came in, called or wrote on a channel the staff transcribe */
  | 'intake.desk'
  /** file a report from a news item (media monitoring, "Aspirasi Publik Media Massa"); audited */
  | 'intake.media'
  /** end the citizen token that opens a report (it leaked, it is abused); audited */
  | 'citizen_token.revoke'
  /** staff accounts: create, change role or unit, reset a password, deactivate; audited */
  | 'accounts.manage'
  /** the whole city live and in figures (the monitoring room): every unit's changes and KPIs */
  | 'monitor.city'
  /** the city's configuration as loaded from its data folder (categories, routing, time limits), read-only */
  | 'city.read'
  /** the staff console and API beyond the monitoring room: queues, reports, the desk, administration */
  | 'staff.console';

/** What an action is about: a report (with the units it touched), or nothing in particular. */
export interface ReportResource {
  state: ReportState;
  /** units that acted on the report or were named as its target in its history */
  involvedUnitIds?: ReadonlySet<string>;
  /** offices that must never see it: the offices of the place of a complaint about officials */
  accusedUnitIds?: ReadonlySet<string>;
  /** who gave the follow-up now awaiting verification (from the history), when known */
  followedUpBy?: string | null;
}
/** A request to see a report's reporter (domain/reveal-request.ts): who made it. */
export interface RevealRequestResource {
  revealRequestedBy: string;
}
export type Resource = ReportResource | RevealRequestResource | null;

type Relation =
  | 'owner'
  | 'handler'
  | 'verifier'
  | 'admin'
  | 'system'
  | 'involved'
  | 'reveal_authority'
  | 'officer'
  | 'monitor'
  | 'gave_the_follow_up'
  | 'requested_the_reveal';

/** The relations an actor has to a resource; an action lists the relations that allow it. */
function relationsOf(actor: Actor, resource: Resource): Set<Relation> {
  const relations = new Set<Relation>();
  if (actor.kind === 'admin') relations.add('admin');
  if (actor.kind === 'verifier') relations.add('verifier');
  if (actor.kind === 'system') relations.add('system');
  if (actor.kind === 'reveal_authority') relations.add('reveal_authority');
  if (actor.kind === 'monitor') relations.add('monitor');
  if (actor.kind === 'officer' && actor.unitId !== null) relations.add('officer');
  if (!resource) return relations;
  if ('revealRequestedBy' in resource) {
    // a monitoring-room account can ask for nothing, so it never holds a request
    const staff = actor.kind !== 'citizen' && actor.kind !== 'system' && actor.kind !== 'monitor';
    if (staff && actor.id !== null && resource.revealRequestedBy === actor.id)
      relations.add('requested_the_reveal');
    return relations;
  }
  const s = resource.state;
  if (actor.id !== null && resource.followedUpBy === actor.id) relations.add('gave_the_follow_up');
  if (actor.kind === 'citizen' && actor.id !== null && actor.id === s.citizenId) relations.add('owner');
  const unit = actor.kind === 'officer' ? actor.unitId : null;
  if (unit === null || resource.accusedUnitIds?.has(unit)) return relations;
  if (unit === s.assignedUnitId || unit === s.escalatedUnitId) relations.add('handler');
  if (
    unit === s.suggestedUnitId ||
    relations.has('handler') ||
    (resource.involvedUnitIds?.has(unit) ?? false)
  )
    relations.add('involved');
  return relations;
}

const NOT_YOURS = {
  id: 'Anda tidak berwenang melakukan tindakan ini pada laporan ini',
  en: 'You are not allowed to do this on this report',
};

interface Policy {
  allow: readonly Relation[];
  /** a relation that forbids the action even when another allows it, with its own refusal */
  unless?: { relation: Relation; denied: () => DomainError };
  /** the refusal; a 404 where telling the asker that the report exists would already say too much */
  denied: () => DomainError;
}

const forbidden =
  (message = NOT_YOURS) =>
  () =>
    DomainError.forbidden(message);
const handler: Policy = { allow: ['handler', 'admin'], denied: forbidden() };
const handlerOrVerifier: Policy = { allow: ['handler', 'verifier', 'admin'], denied: forbidden() };
const owner: Policy = { allow: ['owner'], denied: forbidden() };

// Separation of duties: whoever gave a follow-up never validates it.
const ownFollowUp = {
  relation: 'gave_the_follow_up' as const,
  denied: () =>
    new DomainError(403, 'separation_of_duties', {
      id: 'Yang memberi tindak lanjut tidak boleh memvalidasinya sendiri; minta verifikator lain',
      en: 'Whoever gave a follow-up may not validate it; ask another verifier',
    }),
};

export const POLICIES: Record<Action, Policy> = {
  'report.edit': owner,
  'report.withdraw': owner,
  'report.rate': owner,
  'report.reopen': owner,
  'report.coordinate': handler,
  'report.delegate': handler,
  'report.start_process': handler,
  'report.set_ews': handler,
  'report.follow_up': handler,
  'report.reject': handler,
  'report.approve': { allow: ['verifier', 'admin'], denied: forbidden(), unless: ownFollowUp },
  'report.return': { allow: ['verifier', 'admin'], denied: forbidden(), unless: ownFollowUp },
  'report.hide': handlerOrVerifier,
  'report.remove': handlerOrVerifier,
  'report.show': handlerOrVerifier,
  'report.add_note': handlerOrVerifier,
  'report.merge': handlerOrVerifier,
  'report.recategorise': handlerOrVerifier,
  'report.escalate': { allow: ['system'], denied: forbidden() },
  'report.read': {
    allow: ['involved', 'verifier', 'admin'],
    denied: () =>
      new DomainError(404, 'report_not_found', {
        id: 'Laporan tidak ditemukan',
        en: 'Report not found',
      }),
  },
  'report.request_reveal': {
    allow: ['involved', 'verifier', 'admin'],
    denied: forbidden({
      id: 'Hanya petugas yang menangani laporan ini, verifikator atau admin yang dapat meminta identitas pelapornya',
      en: 'Only officers handling this report, verifiers or administrators may ask for its reporter’s identity',
    }),
  },
  // Dual control: the designated official decides, never on a request of their own.
  'reveal.decide': {
    allow: ['reveal_authority'],
    denied: forbidden({
      id: 'Hanya pejabat yang berwenang yang dapat menyetujui pembukaan identitas pelapor',
      en: 'Only the authorised official may approve revealing a reporter’s identity',
    }),
    unless: {
      relation: 'requested_the_reveal',
      denied: () =>
        new DomainError(403, 'separation_of_duties', {
          id: 'Permintaan Anda sendiri harus diputuskan oleh pejabat berwenang lain',
          en: 'Your own request must be decided by another authorised official',
        }),
    },
  },
  'reveal.view': {
    allow: ['requested_the_reveal'],
    denied: forbidden({
      id: 'Identitas hanya dapat dilihat oleh yang memintanya, setelah disetujui',
      en: 'Only the one who asked may see the identity, once approved',
    }),
  },
  'queue.verification': { allow: ['verifier'], denied: forbidden() },
  'audit.read': {
    allow: ['admin'],
    denied: forbidden({
      id: 'Hanya administrator yang dapat membaca jejak audit',
      en: 'Only administrators may read the audit trail',
    }),
  },
  'intake.desk': {
    allow: ['officer', 'admin'],
    denied: forbidden({
      id: 'Hanya petugas unit atau admin yang dapat mencatat laporan di meja layanan',
      en: 'Only unit officers or administrators may file reports at a desk',
    }),
  },
  'intake.media': {
    allow: ['officer', 'admin'],
    denied: forbidden({
      id: 'Hanya petugas unit atau admin yang dapat mencatat laporan dari pemberitaan media',
      en: 'Only unit officers or administrators may file reports from news items',
    }),
  },
  'citizen_token.revoke': {
    allow: ['admin'],
    denied: forbidden({
      id: 'Hanya administrator yang dapat mencabut token warga',
      en: 'Only administrators may revoke a citizen token',
    }),
  },
  'accounts.manage': {
    allow: ['admin'],
    denied: forbidden({
      id: 'Hanya administrator yang dapat mengelola akun petugas',
      en: 'Only administrators may manage staff accounts',
    }),
  },
  'monitor.city': {
    allow: ['admin', 'verifier', 'monitor'],
    denied: forbidden({
      id: 'Hanya admin, verifikator dan akun ruang pantau yang dapat melihat seluruh kota (ruang pantau); petugas melihat unitnya sendiri',
      en: 'Only administrators, verifiers and monitoring-room accounts may see the whole city (monitoring room); officers see their own unit',
    }),
  },
  'staff.console': {
    allow: ['officer', 'verifier', 'admin', 'reveal_authority'],
    denied: () =>
      new DomainError(403, 'monitor_only', {
        id: 'Akun ruang pantau hanya dapat membuka ruang pantau (/monitor): angka dan perubahan kota, tanpa isi laporan',
        en: 'A monitoring-room account may open only the monitoring room (/monitor): the city’s figures and changes, no report contents',
      }),
  },
  'city.read': {
    allow: ['admin'],
    denied: forbidden({
      id: 'Hanya administrator yang dapat melihat konfigurasi kota',
      en: 'Only administrators may see the city’s configuration',
    }),
  },
  'jobs.manage': {
    allow: ['admin'],
    denied: () =>
      new DomainError(403, 'admin_only', {
        id: 'Hanya administrator yang dapat melihat dan mengulang pekerjaan latar yang gagal',
        en: 'Only administrators may see and retry failed background jobs',
      }),
  },
};

function refusal(actor: Actor, action: Action, resource: Resource): (() => DomainError) | null {
  const relations = relationsOf(actor, resource);
  const policy = POLICIES[action];
  if (!policy.allow.some((relation) => relations.has(relation))) return policy.denied;
  if (policy.unless && relations.has(policy.unless.relation)) return policy.unless.denied;
  return null;
}

export function can(actor: Actor, action: Action, resource: Resource = null): boolean {
  return refusal(actor, action, resource) === null;
}

/** The actions that are not about one report, as `GET /api/v1/auth/me` lists what the signed-in user may do. */
export const ACCOUNT_ACTIONS = [
  'queue.verification',
  'jobs.manage',
  'reveal.decide',
  'intake.desk',
  'intake.media',
  'audit.read',
  'citizen_token.revoke',
  'accounts.manage',
  'monitor.city',
  'city.read',
  'staff.console',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export function accountPermissions(actor: Actor): AccountAction[] {
  return ACCOUNT_ACTIONS.filter((action) => can(actor, action));
}

/** Returns when the actor may; otherwise throws the action's refusal (403, or 404 for reading a report). */
export function authorize(actor: Actor, action: Action, resource: Resource = null): void {
  const denied = refusal(actor, action, resource);
  if (denied) throw denied();
}

/** Who gave the report's latest follow-up (the evidence a verifier validates), from its history. */
export function followedUpByOf(events: readonly { event: { type: string; actor: Actor } }[]): string | null {
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.event.type === 'followed_up') return events[i]!.event.actor.id;
  return null;
}

/** The units a report's history names: who acted on it and where it was sent. */
export function involvedUnitsOf(
  events: readonly { event: { actor: Actor; targetUnitId?: string | null } }[],
): Set<string> {
  const units = new Set<string>();
  for (const { event } of events) {
    if (event.actor.unitId) units.add(event.actor.unitId);
    if (event.targetUnitId) units.add(event.targetUnitId);
  }
  return units;
}
