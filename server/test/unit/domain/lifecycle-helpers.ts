/**
 * Shared fixtures for the lifecycle tests (lifecycle-transitions.test.ts, lifecycle-rebuild.test.ts).
 *
 * The expectations here (EXPECTED, EVENT_OF, mayAct) are written out by hand from the lifecycle as the
 * product describes it, NOT derived from RULES in decide.ts: a table computed from RULES could never fail.
 */
import { expect } from 'vitest';
import { decide, type Command, type CommandType } from '../../../src/domain/decide.js';
import { DomainError } from '../../../src/domain/domain-error.js';
import { evolve } from '../../../src/domain/evolve.js';
import type { Actor, CreatedEvent, ReportEvent, ReportEventType } from '../../../src/domain/report-events.js';
import type { ReportState, Schedule } from '../../../src/domain/report-state.js';
import type { Status } from '../../../src/domain/statuses.js';

// ---------------------------------------------------------------------------------------------------------
// Clock, units and people

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = new Date('2025-03-03T02:00:00.000Z');
export const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

/** The unit the report is routed to when it is created. */
export const UNIT_A = 'unit-kel-kenari';
export const UNIT_B = 'unit-sudin-bina-marga';
export const UNIT_C = 'unit-dinas-sda';
/** The unit the escalation job hands reports to (e.g. the wali kota office). */
export const UNIT_ESC = 'unit-walikota-jakpus';
export const UNITS = [UNIT_A, UNIT_B, UNIT_C, UNIT_ESC] as const;

export const OWNER_ID = 'citizen-owner';
export const owner: Actor = { kind: 'citizen', id: OWNER_ID, unitId: null };
export const otherCitizen: Actor = { kind: 'citizen', id: 'citizen-stranger', unitId: null };
export const officerOf = (unitId: string, id = `officer@${unitId}`): Actor => ({
  kind: 'officer',
  id,
  unitId,
});
export const verifier: Actor = { kind: 'verifier', id: 'verifier-1', unitId: null };
export const admin: Actor = { kind: 'admin', id: 'admin-1', unitId: null };
export const system: Actor = { kind: 'system', id: 'escalation-job', unitId: null };

// ---------------------------------------------------------------------------------------------------------
// The hand-written lifecycle

/** Column order of the table below. */
export const STATUS_ORDER = [
  'menunggu',
  'koordinasi',
  'disposisi',
  'proses',
  'ews',
  'menunggu_validasi',
  'selesai',
  'ditolak',
  'dicabut',
  'digabung',
] as const satisfies readonly Status[];

export const REFUSED = '-' as const;
export type Outcome = Status | typeof REFUSED;
const _ = REFUSED;

function row(...outcomes: Outcome[]): Record<Status, Outcome> {
  if (outcomes.length !== STATUS_ORDER.length) throw new Error('a row needs one outcome per status');
  return Object.fromEntries(STATUS_ORDER.map((s, i) => [s, outcomes[i]])) as Record<Status, Outcome>;
}

/** Same status in every column: commands that never move the report. */
const same = (): Record<Status, Outcome> => row(...STATUS_ORDER);

/**
 * For each command given by the right actor with a valid payload: the status the report ends in, or REFUSED
 * (a 409). Cells the product description leaves open are marked "(open)" and follow the current code; they
 * are listed in the report that accompanies these tests.
 */
// prettier-ignore
export const EXPECTED: Record<CommandType, Record<Status, Outcome>> = {
  //              menunggu       koordinasi     disposisi      proses               ews                  menunggu_validasi selesai     ditolak     dicabut     digabung
  // citizen (owner)
  edit:          row('menunggu',   _,             _,             _,                   _,                   _,                _,          _,          _,          _),
  withdraw:      row('dicabut',    _,             _,             _,                   _,                   _,                _,          _,          _,          _),
  rate:          row(_,            _,             _,             _,                   _,                   _,                'selesai',  _,          _,          _),
  reopen:        row(_,            _,             _,             _,                   _,                   _,                'menunggu', _,          _,          _),
  // handling unit; an extended (EWS) report may still be passed on or rejected
  coordinate:    row('koordinasi', 'koordinasi',  'koordinasi',  'koordinasi',        'koordinasi',        _,                _,          _,          _,          _),
  delegate:      row('disposisi',  'disposisi',   'disposisi',   'disposisi',         'disposisi',         _,                _,          _,          _,          _),
  start_process: row('proses',     'proses',      'proses',      _,                   _,                   _,                _,          _,          _,          _),
  set_ews:       row(_,            _,             _,             'ews',               'ews',               _,                _,          _,          _,          _),
  follow_up:     row(_,            _,             _,             'menunggu_validasi', 'menunggu_validasi', _,                _,          _,          _,          _),
  reject:        row('ditolak',    'ditolak',     'ditolak',     'ditolak',           'ditolak',           _,                _,          _,          _,          _),
  // verifier
  approve:       row(_,            _,             _,             _,                   _,                   'selesai',        _,          _,          _,          _),
  return:        row(_,            _,             _,             _,                   _,                   'proses',         _,          _,          _,          _),
  // moderation and notes: any status, status unchanged
  hide:          same(),
  remove:        same(),
  show:          same(),
  add_note:      same(),
  // handling unit or verifier: a duplicate joins another open report and is closed
  merge:         row('digabung',   'digabung',    'digabung',    'digabung',          'digabung',          _,                _,          _,          _,          _),
  // handling unit or verifier: a corrected category, status unchanged
  recategorise:  row('menunggu',   'koordinasi',  'disposisi',   'proses',            'ews',               _,                _,          _,          _,          _),
  // the escalation job: only while the city still has to act
  escalate:      row('menunggu',   'koordinasi',  'disposisi',   'proses',            'ews',               _,                _,          _,          _,          _),
};

export const COMMAND_TYPES = Object.keys(EXPECTED) as CommandType[];

export const EVENT_OF: Record<CommandType, ReportEventType> = {
  edit: 'edited',
  withdraw: 'withdrawn',
  rate: 'rated',
  reopen: 'reopened',
  coordinate: 'coordinated',
  delegate: 'delegated',
  start_process: 'process_started',
  set_ews: 'ews_set',
  follow_up: 'followed_up',
  reject: 'rejected',
  approve: 'approved',
  return: 'returned',
  hide: 'hidden',
  remove: 'removed',
  show: 'shown',
  add_note: 'note_added',
  escalate: 'escalated',
  merge: 'merged',
  recategorise: 'recategorised',
};

type Party = 'owner' | 'handler' | 'verifier' | 'staff' | 'system';

/** Who may give each command (staff = the handling unit or a verifier). */
export const PARTY_OF: Record<CommandType, Party> = {
  edit: 'owner',
  withdraw: 'owner',
  rate: 'owner',
  reopen: 'owner',
  coordinate: 'handler',
  delegate: 'handler',
  start_process: 'handler',
  set_ews: 'handler',
  follow_up: 'handler',
  reject: 'handler',
  approve: 'verifier',
  return: 'verifier',
  hide: 'staff',
  remove: 'staff',
  show: 'staff',
  add_note: 'staff',
  escalate: 'system',
  merge: 'staff',
  recategorise: 'staff',
};

const isOwner = (s: ReportState, a: Actor): boolean =>
  a.kind === 'citizen' && a.id !== null && s.citizenId !== null && a.id === s.citizenId;
const isHandler = (s: ReportState, a: Actor): boolean =>
  a.kind === 'admin' ||
  (a.kind === 'officer' &&
    a.unitId !== null &&
    (a.unitId === s.assignedUnitId || a.unitId === s.escalatedUnitId));
const isVerifier = (a: Actor): boolean => a.kind === 'verifier' || a.kind === 'admin';

/** Hand-written authorisation: may this actor give this command to this report (status aside)? */
export function mayAct(state: ReportState, actor: Actor, type: CommandType): boolean {
  switch (PARTY_OF[type]) {
    case 'owner':
      return isOwner(state, actor);
    case 'handler':
      return isHandler(state, actor);
    case 'verifier':
      return isVerifier(actor);
    case 'staff':
      return isHandler(state, actor) || isVerifier(actor);
    case 'system':
      return actor.kind === 'system';
  }
}

/** The natural actor for a command on this report. */
export function rightActor(type: CommandType, state: ReportState): Actor {
  switch (PARTY_OF[type]) {
    case 'owner':
      return owner;
    case 'handler':
    case 'staff':
      return officerOf(state.assignedUnitId);
    case 'verifier':
      return verifier;
    case 'system':
      return system;
  }
}

/** Another open report that a duplicate can be merged into. */
export const MERGE_TARGET = { id: 'rep-0002', ticket: 'JK2503030002', status: 'proses' } as const;

/** A command of this type with a payload that passes every payload check. */
export function validCommand(
  type: CommandType,
  state: ReportState,
  now: Date,
  random: () => number = () => 0,
): Command {
  const otherUnits = UNITS.filter((u) => u !== state.assignedUnitId);
  const otherUnit = otherUnits[Math.floor(random() * otherUnits.length)] ?? UNIT_B;
  switch (type) {
    case 'edit':
      return {
        type,
        changes: { text: 'Jalan berlubang, makin dalam setelah hujan', address: 'Jl. Kenari II' },
      };
    case 'withdraw':
      return { type, reason: 'Sudah diperbaiki warga' };
    case 'rate':
      return { type, rating: 1 + Math.floor(random() * 5), comment: 'Cepat ditangani' };
    case 'reopen':
      return { type, reason: 'Lubangnya muncul lagi', windowDays: 7 };
    case 'coordinate':
    case 'delegate':
      return { type, targetUnitId: otherUnit, note: 'Kewenangan unit lain' };
    case 'start_process':
      return { type, note: 'Tim menuju lokasi' };
    case 'set_ews':
      return {
        type,
        until: new Date(now.getTime() + (1 + Math.floor(random() * 30)) * DAY),
        reason: 'Menunggu aspal',
      };
    case 'follow_up':
      return { type, attachmentIds: ['att-after-1'], note: 'Lubang sudah ditambal' };
    case 'approve':
      return { type, note: null };
    case 'return':
      return { type, note: 'Foto bukti tidak menunjukkan lokasi' };
    case 'reject':
      return { type, reason: 'Lokasi di luar wilayah DKI Jakarta' };
    case 'hide':
    case 'remove':
    case 'show':
      return { type, reason: 'Moderasi: data pribadi di foto' };
    case 'add_note':
      return { type, note: 'Koordinasi dengan PPSU' };
    case 'escalate':
      return { type, targetUnitId: UNIT_ESC };
    case 'merge':
      return { type, into: MERGE_TARGET, note: 'Masalah yang sama dengan laporan sebelumnya' };
    case 'recategorise':
      return {
        type,
        categoryCode: state.categoryCode === 'pohon' ? 'sampah' : 'pohon',
        route: { assignedUnitId: otherUnit, suggestedUnitId: null, rule: 'uji: aturan kategori baru' },
        note: 'Bukan jalan, tapi pohon tumbang',
      };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Building reports

export function createdEvent(
  report: Partial<CreatedEvent['report']> = {},
  when: Date = T0,
  schedule: Partial<CreatedEvent['schedule']> = {},
): CreatedEvent {
  return {
    type: 'created',
    at: when,
    actor: owner,
    report: {
      id: 'rep-0001',
      ticket: '2503-0001',
      categoryCode: 'jalan-rusak',
      text: 'Jalan berlubang di depan SDN 01',
      address: 'Jl. Kenari No. 1',
      lat: -6.1944,
      lng: 106.8452,
      kelurahanCode: '31.71.05.1003',
      channel: 'web',
      isPrivate: false,
      isAnonymous: false,
      citizenId: OWNER_ID,
      identityId: 'identity-1',
      assignedUnitId: UNIT_A,
      suggestedUnitId: null,
      slaClock: 'working',
      ...report,
    },
    routing: { rule: 'category:jalan-rusak', mode: 'auto' },
    schedule: {
      responseDueAt: new Date(when.getTime() + DAY),
      completionDueAt: new Date(when.getTime() + 5 * DAY),
      nextEscalationAt: new Date(when.getTime() + DAY),
      ...schedule,
    },
  };
}

/** Attaches the deadlines a service would compute with the city's calendar to a decided event. */
export function withSchedule(event: ReportEvent, schedule: Schedule): ReportEvent {
  if (event.type === 'created') throw new Error('decide never creates a report');
  return { ...event, schedule };
}

/** A report being built command by command, the way the service does it: decide, then evolve. */
export class Journey {
  state: ReportState;
  readonly events: ReportEvent[];
  now: Date;

  constructor(created: CreatedEvent = createdEvent()) {
    this.events = [created];
    this.state = evolve(null, created);
    this.now = created.at;
  }

  /** Advances the clock, decides, attaches an optional schedule, evolves. Returns the event. */
  run(command: Command, actor: Actor, options: { advance?: number; schedule?: Schedule } = {}): ReportEvent {
    this.now = new Date(this.now.getTime() + (options.advance ?? HOUR));
    const decided = decide(this.state, command, actor, this.now);
    const event = options.schedule ? withSchedule(decided, options.schedule) : decided;
    this.state = evolve(this.state, event);
    this.events.push(event);
    return event;
  }

  /** Runs a command of this type with a valid payload given by the natural actor. */
  act(
    type: CommandType,
    options: { advance?: number; schedule?: Schedule; actor?: Actor } = {},
  ): ReportEvent {
    const actor = options.actor ?? rightActor(type, this.state);
    const when = new Date(this.now.getTime() + (options.advance ?? HOUR));
    return this.run(validCommand(type, this.state, when), actor, options);
  }
}

/** Hand-chosen paths that bring a fresh report into each status. */
const PATHS: Record<Status, CommandType[]> = {
  menunggu: [],
  koordinasi: ['coordinate'],
  disposisi: ['delegate'],
  proses: ['start_process'],
  ews: ['start_process', 'set_ews'],
  menunggu_validasi: ['start_process', 'follow_up'],
  selesai: ['start_process', 'follow_up', 'approve'],
  ditolak: ['reject'],
  dicabut: ['withdraw'],
  digabung: ['merge'],
};

export function reach(status: Status, created?: CreatedEvent): Journey {
  const journey = new Journey(created);
  for (const type of PATHS[status]) journey.act(type);
  expect(journey.state.status).toBe(status);
  return journey;
}

// ---------------------------------------------------------------------------------------------------------
// Assertions

/** Runs fn, expects a DomainError with this HTTP status, and returns it. */
export function expectDomainError(fn: () => unknown, httpStatus: number): DomainError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a DomainError to be thrown').toBeInstanceOf(DomainError);
  const error = thrown as DomainError;
  expect(error.httpStatus, `${error.code}: ${error.message}`).toBe(httpStatus);
  expect(error.text.id.length).toBeGreaterThan(0);
  expect(error.text.en.length).toBeGreaterThan(0);
  return error;
}

/** Freezes a state deeply enough to catch decide/evolve mutating their input. */
export function frozen(state: ReportState): ReportState {
  return Object.freeze({ ...state });
}
