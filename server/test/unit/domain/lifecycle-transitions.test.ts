import { describe, expect, test } from 'vitest';
import {
  allowedCommands,
  decide,
  isAllowed,
  RULES,
  type Command,
  type CommandType,
} from '../../../src/domain/decide.js';
import { evolve } from '../../../src/domain/evolve.js';
import type { Actor } from '../../../src/domain/report-events.js';
import { STATUSES, type Status } from '../../../src/domain/statuses.js';
import {
  admin,
  at,
  COMMAND_TYPES,
  createdEvent,
  DAY,
  EVENT_OF,
  EXPECTED,
  expectDomainError,
  frozen,
  HOUR,
  Journey,
  officerOf,
  otherCitizen,
  owner,
  OWNER_ID,
  reach,
  REFUSED,
  rightActor,
  STATUS_ORDER,
  system,
  T0,
  UNIT_A,
  UNIT_B,
  UNIT_C,
  UNIT_ESC,
  validCommand,
  verifier,
} from './lifecycle-helpers.js';

const OWNER_COMMANDS: CommandType[] = ['edit', 'withdraw', 'rate', 'reopen'];
const HANDLER_COMMANDS: CommandType[] = [
  'coordinate',
  'delegate',
  'start_process',
  'set_ews',
  'follow_up',
  'reject',
];
const VERIFIER_COMMANDS: CommandType[] = ['approve', 'return'];
const STAFF_COMMANDS: CommandType[] = ['hide', 'remove', 'show', 'add_note', 'merge', 'recategorise'];

/** A status in which the command is possible (so that an actor check is what decides). */
const STATUS_FOR: Record<CommandType, Status> = {
  edit: 'menunggu',
  withdraw: 'menunggu',
  rate: 'selesai',
  reopen: 'selesai',
  coordinate: 'menunggu',
  delegate: 'menunggu',
  start_process: 'menunggu',
  set_ews: 'proses',
  follow_up: 'proses',
  reject: 'menunggu',
  approve: 'menunggu_validasi',
  return: 'menunggu_validasi',
  hide: 'proses',
  remove: 'proses',
  show: 'proses',
  add_note: 'proses',
  escalate: 'proses',
  merge: 'proses',
  recategorise: 'proses',
};

/** Gives the command with a valid payload one hour after the journey's clock. */
function attempt(journey: Journey, type: CommandType, actor: Actor) {
  const now = new Date(journey.now.getTime() + HOUR);
  return () => decide(journey.state, validCommand(type, journey.state, now), actor, now);
}

describe('the hand-written table covers the whole domain', () => {
  test('every status and every command type has a row/column', () => {
    expect([...STATUS_ORDER].sort()).toEqual([...STATUSES].sort());
    // Only the keys of RULES are read here, never its content.
    expect([...COMMAND_TYPES].sort()).toEqual(Object.keys(RULES).sort());
  });
});

describe('every command in every status, given by the right actor', () => {
  const cases = COMMAND_TYPES.flatMap((type) =>
    STATUS_ORDER.map((status) => ({ type, status, expected: EXPECTED[type][status] })),
  );

  test.each(cases)('$type in $status → $expected', ({ type, status, expected }) => {
    const journey = reach(status);
    const before = frozen(journey.state);
    const actor = rightActor(type, before);
    const now = new Date(journey.now.getTime() + HOUR);
    const command = validCommand(type, before, now);

    if (expected === REFUSED) {
      const error = expectDomainError(() => decide(before, command, actor, now), 409);
      expect(error.code).toBe('conflict');
      expect(isAllowed(before, actor, type)).toBe(false);
      expect(allowedCommands(before, actor)).not.toContain(type);
      return;
    }

    const event = decide(before, command, actor, now);
    expect(event.type).toBe(EVENT_OF[type]);
    expect(event.at).toEqual(now);
    expect(event.actor).toEqual(actor);
    const after = evolve(before, event);
    expect(after.status).toBe(expected);
    expect(after.eventCount).toBe(before.eventCount + 1);
    expect(after.updatedAt).toEqual(now);
    expect(after.createdAt).toEqual(before.createdAt);
    expect(after.id).toBe(before.id);
    expect(isAllowed(before, actor, type)).toBe(true);
    if (type === 'escalate') expect(allowedCommands(before, actor)).not.toContain('escalate');
    else expect(allowedCommands(before, actor)).toContain(type);
  });

  test('an admin can do in every status exactly what the handling unit and the verifier can', () => {
    for (const status of STATUS_ORDER) {
      const { state } = reach(status);
      const expected = [...HANDLER_COMMANDS, ...VERIFIER_COMMANDS, ...STAFF_COMMANDS].filter(
        (type) => EXPECTED[type][status] !== REFUSED,
      );
      expect(allowedCommands(state, admin).sort(), status).toEqual(expected.sort());
    }
  });

  test('the owner is offered exactly the citizen commands the status allows', () => {
    for (const status of STATUS_ORDER) {
      const { state } = reach(status);
      const expected = OWNER_COMMANDS.filter((type) => EXPECTED[type][status] !== REFUSED);
      expect(allowedCommands(state, owner).sort(), status).toEqual(expected.sort());
    }
  });

  test('the system job is never offered commands, and may only escalate', () => {
    for (const status of STATUS_ORDER) {
      const { state } = reach(status);
      expect(allowedCommands(state, system)).toEqual([]);
      for (const type of COMMAND_TYPES.filter((t) => t !== 'escalate'))
        expect(isAllowed(state, system, type), `${type} in ${status}`).toBe(false);
    }
  });
});

describe('who may act', () => {
  test('a citizen who is not the owner gets 403 on every citizen command', () => {
    for (const type of OWNER_COMMANDS) {
      const journey = reach(STATUS_FOR[type]);
      expectDomainError(attempt(journey, type, otherCitizen), 403);
      expect(allowedCommands(journey.state, otherCitizen)).toEqual([]);
    }
  });

  test('nobody owns a report filed without an account, not even a citizen without an id', () => {
    for (const type of OWNER_COMMANDS) {
      const journey = reach(STATUS_FOR[type], createdEvent({ citizenId: null, isAnonymous: true }));
      expectDomainError(attempt(journey, type, { kind: 'citizen', id: null, unitId: null }), 403);
      expectDomainError(attempt(journey, type, owner), 403);
    }
  });

  test('staff cannot give citizen commands, not even an admin', () => {
    for (const type of OWNER_COMMANDS) {
      const journey = reach(STATUS_FOR[type]);
      for (const actor of [officerOf(UNIT_A), verifier, admin, system])
        expectDomainError(attempt(journey, type, actor), 403);
    }
  });

  test('the owner cannot give staff commands', () => {
    for (const type of [...HANDLER_COMMANDS, ...VERIFIER_COMMANDS, ...STAFF_COMMANDS, 'escalate' as const]) {
      const journey = reach(STATUS_FOR[type]);
      expectDomainError(attempt(journey, type, owner), 403);
    }
  });

  test('an officer of another unit gets 403 on handling and moderation commands', () => {
    for (const type of [...HANDLER_COMMANDS, ...STAFF_COMMANDS]) {
      const journey = reach(STATUS_FOR[type]);
      expectDomainError(attempt(journey, type, officerOf(UNIT_C)), 403);
    }
    expect(allowedCommands(reach('proses').state, officerOf(UNIT_C))).toEqual([]);
  });

  test('the previous unit loses the report once it is coordinated away', () => {
    const journey = new Journey();
    journey.run({ type: 'coordinate', targetUnitId: UNIT_B }, officerOf(UNIT_A));
    expect(journey.state.assignedUnitId).toBe(UNIT_B);
    expectDomainError(attempt(journey, 'start_process', officerOf(UNIT_A)), 403);
    journey.run({ type: 'start_process' }, officerOf(UNIT_B));
    expect(journey.state.status).toBe('proses');
  });

  test('an officer of the escalated unit may act as handler; before the escalation they may not', () => {
    const escalatedOfficer = officerOf(UNIT_ESC);
    const journey = new Journey();
    expectDomainError(attempt(journey, 'start_process', escalatedOfficer), 403);

    journey.run({ type: 'escalate', targetUnitId: UNIT_ESC }, system);
    expect(journey.state.escalatedUnitId).toBe(UNIT_ESC);
    expect(journey.state.assignedUnitId).toBe(UNIT_A);
    for (const type of [...HANDLER_COMMANDS, ...STAFF_COMMANDS].filter(
      (t) => EXPECTED[t].menunggu !== REFUSED,
    ))
      expect(isAllowed(journey.state, escalatedOfficer, type), type).toBe(true);

    journey.run({ type: 'start_process', note: 'Diambil alih' }, escalatedOfficer);
    journey.run(validCommand('set_ews', journey.state, at(10 * DAY)), escalatedOfficer);
    journey.run(validCommand('follow_up', journey.state, journey.now), escalatedOfficer);
    expect(journey.state.status).toBe('menunggu_validasi');
    // ... but it is still a handler, not a verifier
    expectDomainError(attempt(journey, 'approve', escalatedOfficer), 403);
  });

  test('the original unit keeps handling rights after an escalation', () => {
    const journey = new Journey();
    journey.run({ type: 'escalate', targetUnitId: UNIT_ESC }, system);
    journey.run({ type: 'start_process' }, officerOf(UNIT_A));
    expect(journey.state.status).toBe('proses');
  });

  test('a verifier gets 403 on the handling unit’s commands, even with a unit of their own', () => {
    for (const type of HANDLER_COMMANDS) {
      const journey = reach(STATUS_FOR[type]);
      expectDomainError(attempt(journey, type, verifier), 403);
      expectDomainError(attempt(journey, type, { kind: 'verifier', id: 'v-2', unitId: UNIT_A }), 403);
    }
  });

  test('an officer, even of the handling unit, gets 403 on approve and return', () => {
    for (const type of VERIFIER_COMMANDS) {
      const journey = reach('menunggu_validasi');
      expectDomainError(attempt(journey, type, officerOf(UNIT_A)), 403);
      expectDomainError(attempt(journey, type, officerOf(UNIT_C)), 403);
    }
  });

  test('a verifier may approve and return, and may moderate and annotate', () => {
    const { state } = reach('menunggu_validasi');
    expect(allowedCommands(state, verifier).sort()).toEqual(
      ['approve', 'return', 'hide', 'remove', 'show', 'add_note'].sort(),
    );
  });

  test('an admin may give every handling, verifying and moderation command', () => {
    for (const type of [...HANDLER_COMMANDS, ...VERIFIER_COMMANDS, ...STAFF_COMMANDS]) {
      const journey = reach(STATUS_FOR[type]);
      const event = attempt(journey, type, admin)();
      expect(event.type).toBe(EVENT_OF[type]);
    }
  });

  test('only the system may escalate', () => {
    for (const actor of [owner, officerOf(UNIT_A), verifier, admin]) {
      const journey = reach('proses');
      expectDomainError(attempt(journey, 'escalate', actor), 403);
    }
  });

  test('the system cannot give any other command', () => {
    for (const type of COMMAND_TYPES.filter((t) => t !== 'escalate')) {
      const journey = reach(STATUS_FOR[type]);
      expectDomainError(attempt(journey, type, system), 403);
    }
  });

  // BUG: roleOf compares actor.unitId === state.escalatedUnitId, and null === null is true, so an officer
  // account without a unit is the handler of every report that has not been escalated.
  test('an officer without a unit is nobody’s handler', () => {
    const noUnit: Actor = { kind: 'officer', id: 'officer-without-unit', unitId: null };
    const journey = new Journey();
    expect(allowedCommands(journey.state, noUnit)).toEqual([]);
    expectDomainError(attempt(journey, 'start_process', noUnit), 403);
  });
});

describe('payload checks', () => {
  test('an EWS date that is not in the future → 400', () => {
    const journey = reach('proses');
    const now = at(DAY);
    for (const until of [new Date(now.getTime() - DAY), new Date(now.getTime() - 1), now])
      expectDomainError(
        () =>
          decide(journey.state, { type: 'set_ews', until, reason: 'Menunggu aspal' }, officerOf(UNIT_A), now),
        400,
      );
    const ok = decide(
      journey.state,
      { type: 'set_ews', until: new Date(now.getTime() + 1), reason: 'Menunggu aspal' },
      officerOf(UNIT_A),
      now,
    );
    expect(ok.type).toBe('ews_set');
  });

  test('a follow-up without attachments → 400', () => {
    const journey = reach('proses');
    expectDomainError(
      () =>
        decide(
          journey.state,
          { type: 'follow_up', attachmentIds: [], note: 'Selesai' },
          officerOf(UNIT_A),
          at(DAY),
        ),
      400,
    );
  });

  const blankCases: { what: string; status: Status; actor: Actor; command: (text: string) => Command }[] = [
    {
      what: 'follow-up note',
      status: 'proses',
      actor: officerOf(UNIT_A),
      command: (note) => ({ type: 'follow_up', attachmentIds: ['a'], note }),
    },
    {
      what: 'EWS reason',
      status: 'proses',
      actor: officerOf(UNIT_A),
      command: (reason) => ({ type: 'set_ews', until: at(30 * DAY), reason }),
    },
    {
      what: 'reject reason',
      status: 'menunggu',
      actor: officerOf(UNIT_A),
      command: (reason) => ({ type: 'reject', reason }),
    },
    {
      what: 'return note',
      status: 'menunggu_validasi',
      actor: verifier,
      command: (note) => ({ type: 'return', note }),
    },
    {
      what: 'reopen reason',
      status: 'selesai',
      actor: owner,
      command: (reason) => ({ type: 'reopen', reason, windowDays: 7 }),
    },
    {
      what: 'hide reason',
      status: 'proses',
      actor: officerOf(UNIT_A),
      command: (reason) => ({ type: 'hide', reason }),
    },
    {
      what: 'remove reason',
      status: 'proses',
      actor: verifier,
      command: (reason) => ({ type: 'remove', reason }),
    },
    { what: 'show reason', status: 'proses', actor: admin, command: (reason) => ({ type: 'show', reason }) },
    {
      what: 'note',
      status: 'ditolak',
      actor: officerOf(UNIT_A),
      command: (note) => ({ type: 'add_note', note }),
    },
    {
      what: 'edited text',
      status: 'menunggu',
      actor: owner,
      command: (text) => ({ type: 'edit', changes: { text } }),
    },
  ];

  test.each(blankCases)('an empty or blank $what → 400', ({ status, actor, command }) => {
    const journey = reach(status);
    const now = new Date(journey.now.getTime() + HOUR);
    for (const blank of ['', '   ', '\n\t'])
      expectDomainError(() => decide(journey.state, command(blank), actor, now), 400);
  });

  test('reasons and notes are stored trimmed', () => {
    const journey = reach('proses');
    const event = journey.run({ type: 'hide', reason: '  Data pribadi  ' }, officerOf(UNIT_A));
    expect(event.note).toBe('Data pribadi');
    expect(journey.state.visibilityReason).toBe('Data pribadi');
  });

  test('a status check comes before the payload check: a blank reason in the wrong status is a 409', () => {
    const journey = reach('selesai');
    expectDomainError(
      () => decide(journey.state, { type: 'reject', reason: '' }, officerOf(UNIT_A), at(DAY)),
      409,
    );
  });

  test.each([0, 6, -1, 2.5, 4.0001, Number.NaN, Number.POSITIVE_INFINITY])(
    'a rating of %s → 400',
    (rating) => {
      const journey = reach('selesai');
      expectDomainError(() => decide(journey.state, { type: 'rate', rating }, owner, at(DAY)), 400);
    },
  );

  test.each([1, 2, 3, 4, 5])('a rating of %i is accepted', (rating) => {
    const journey = reach('selesai');
    journey.run({ type: 'rate', rating, comment: '  Mantap  ' }, owner);
    expect(journey.state.rating).toBe(rating);
    expect(journey.state.ratingComment).toBe('Mantap');
    expect(journey.state.status).toBe('selesai');
  });

  test('a blank rating comment is stored as null', () => {
    const journey = reach('selesai');
    journey.run({ type: 'rate', rating: 5, comment: '   ' }, owner);
    expect(journey.state.ratingComment).toBeNull();
  });

  test('rating twice → 409', () => {
    const journey = reach('selesai');
    journey.run({ type: 'rate', rating: 4 }, owner);
    const error = expectDomainError(
      () => decide(journey.state, { type: 'rate', rating: 5 }, owner, at(DAY)),
      409,
    );
    expect(error.code).toBe('conflict');
    expect(journey.state.rating).toBe(4);
  });

  // BUG (minor, UI-facing): allowedCommands "is handed to the UI", yet it still offers `rate` on a report
  // that is already rated, so the UI shows a button that can only answer 409.
  test('a rated report no longer offers rate', () => {
    const journey = reach('selesai');
    journey.run({ type: 'rate', rating: 4 }, owner);
    expect(allowedCommands(journey.state, owner)).not.toContain('rate');
  });

  test('coordinating or delegating to the unit that already handles the report → 400', () => {
    for (const type of ['coordinate', 'delegate'] as const) {
      const journey = reach('proses');
      expectDomainError(
        () => decide(journey.state, { type, targetUnitId: UNIT_A }, officerOf(UNIT_A), at(DAY)),
        400,
      );
      journey.run({ type, targetUnitId: UNIT_B }, officerOf(UNIT_A));
      expectDomainError(
        () => decide(journey.state, { type, targetUnitId: UNIT_B }, officerOf(UNIT_B), at(DAY)),
        400,
      );
    }
  });

  test('an edit changes only what it names', () => {
    const journey = new Journey();
    journey.run({ type: 'edit', changes: { address: null } }, owner);
    expect(journey.state.address).toBeNull();
    expect(journey.state.text).toBe('Jalan berlubang di depan SDN 01');
    journey.run({ type: 'edit', changes: { text: 'Jalan amblas' } }, owner);
    expect(journey.state.text).toBe('Jalan amblas');
    expect(journey.state.address).toBeNull();
    expect(journey.state.status).toBe('menunggu');
    expect(journey.state.respondedAt).toBeNull();
  });

  // BUG: `text?: string` lets a service pass { text: undefined } (e.g. copying optional request fields);
  // decide accepts it and evolve spreads it, so the incremental state loses its text, while a fold of the
  // JSON-stored event (where the undefined key disappears) keeps it: the row is no longer the fold.
  test('an edit that carries text: undefined keeps the text', () => {
    const journey = new Journey();
    journey.run({ type: 'edit', changes: { text: undefined, address: 'Jl. Kenari II' } }, owner);
    expect(journey.state.address).toBe('Jl. Kenari II');
    expect(journey.state.text).toBe('Jalan berlubang di depan SDN 01');
  });
});

describe('reopen', () => {
  function resolved() {
    const journey = new Journey();
    journey.run({ type: 'coordinate', targetUnitId: UNIT_B }, officerOf(UNIT_A));
    journey.run({ type: 'escalate', targetUnitId: UNIT_ESC }, system);
    journey.run({ type: 'start_process' }, officerOf(UNIT_B));
    journey.run({ type: 'set_ews', until: at(20 * DAY), reason: 'Menunggu aspal' }, officerOf(UNIT_B));
    journey.run({ type: 'follow_up', attachmentIds: ['a1'], note: 'Sudah ditambal' }, officerOf(UNIT_B));
    journey.run({ type: 'approve' }, verifier, { advance: DAY });
    journey.run({ type: 'rate', rating: 2, comment: 'Lama' }, owner);
    return journey;
  }

  test('inside the window: back to Menunggu at the unit that handled it, with the outcome cleared', () => {
    const journey = resolved();
    const before = journey.state;
    expect(before.resolvedAt).not.toBeNull();
    expect(before.respondedAt).not.toBeNull();

    const event = journey.run({ type: 'reopen', reason: 'Lubangnya muncul lagi', windowDays: 7 }, owner, {
      advance: 6 * DAY,
    });
    expect(event).toMatchObject({ type: 'reopened', targetUnitId: UNIT_B, note: 'Lubangnya muncul lagi' });
    expect(journey.state).toMatchObject({
      status: 'menunggu',
      assignedUnitId: UNIT_B,
      escalatedUnitId: null,
      escalationLevel: 0,
      respondedAt: null,
      resolvedAt: null,
      ewsUntil: null,
      rating: null,
      ratingComment: null,
      reopenCount: 1,
    });
    // the report itself is untouched
    expect(journey.state.text).toBe(before.text);
    expect(journey.state.citizenId).toBe(OWNER_ID);
    expect(journey.state.createdAt).toEqual(before.createdAt);
  });

  test('the window is counted from resolvedAt and is inclusive', () => {
    const journey = resolved();
    const resolvedAt = journey.state.resolvedAt!.getTime();
    const command: Command = { type: 'reopen', reason: 'Masih rusak', windowDays: 7 };
    expect(decide(journey.state, command, owner, new Date(resolvedAt + 7 * DAY)).type).toBe('reopened');
    expect(decide(journey.state, command, owner, new Date(resolvedAt + 1)).type).toBe('reopened');
  });

  test('after the window → 409', () => {
    const journey = resolved();
    const resolvedAt = journey.state.resolvedAt!.getTime();
    const command: Command = { type: 'reopen', reason: 'Masih rusak', windowDays: 7 };
    for (const late of [7 * DAY + 1, 8 * DAY, 365 * DAY])
      expectDomainError(() => decide(journey.state, command, owner, new Date(resolvedAt + late)), 409);
    // a longer window admits it
    expect(
      decide(journey.state, { ...command, windowDays: 30 }, owner, new Date(resolvedAt + 8 * DAY)).type,
    ).toBe('reopened');
  });

  test('a reopened report runs the lifecycle again and can be rated and reopened again', () => {
    const journey = resolved();
    journey.run({ type: 'reopen', reason: 'Muncul lagi', windowDays: 7 }, owner);
    expect(allowedCommands(journey.state, owner).sort()).toEqual(['edit', 'withdraw']);
    expectDomainError(attempt(journey, 'start_process', officerOf(UNIT_A)), 403);
    expectDomainError(attempt(journey, 'start_process', officerOf(UNIT_ESC)), 403);
    journey.run({ type: 'start_process' }, officerOf(UNIT_B), { advance: 2 * HOUR });
    expect(journey.state.respondedAt).toEqual(journey.now);
    journey.run({ type: 'follow_up', attachmentIds: ['a2'], note: 'Ditambal ulang' }, officerOf(UNIT_B));
    journey.run({ type: 'approve' }, admin);
    expect(journey.state.resolvedAt).toEqual(journey.now);
    journey.run({ type: 'rate', rating: 5 }, owner);
    expect(journey.state.rating).toBe(5);
    journey.run({ type: 'reopen', reason: 'Lagi-lagi', windowDays: 7 }, owner);
    expect(journey.state.reopenCount).toBe(2);
  });
});

describe('derived fields', () => {
  test.each(['coordinate', 'delegate', 'start_process', 'reject', 'merge'] as const)(
    'respondedAt is set by the first officer action (%s)',
    (type) => {
      const journey = new Journey();
      expect(journey.state.respondedAt).toBeNull();
      journey.act(type, { advance: 3 * HOUR });
      expect(journey.state.respondedAt).toEqual(at(3 * HOUR));
    },
  );

  test('respondedAt is not set by the citizen or the escalation job, and never moves afterwards', () => {
    const journey = new Journey();
    journey.act('edit');
    journey.act('escalate');
    expect(journey.state.respondedAt).toBeNull();

    journey.act('coordinate', { advance: 2 * HOUR }); // first officer action at T0 + 4h
    const first = at(4 * HOUR);
    expect(journey.state.respondedAt).toEqual(first);
    for (const type of [
      'delegate',
      'start_process',
      'set_ews',
      'follow_up',
      'return',
      'set_ews',
      'follow_up',
    ] as const) {
      journey.act(type, { advance: DAY });
      expect(journey.state.respondedAt, type).toEqual(first);
    }
    journey.act('approve');
    expect(journey.state.respondedAt).toEqual(first);
  });

  test('resolvedAt is set on approve, and only then', () => {
    const journey = new Journey();
    for (const type of ['start_process', 'set_ews', 'follow_up', 'return', 'follow_up'] as const) {
      journey.act(type);
      expect(journey.state.resolvedAt, type).toBeNull();
    }
    journey.act('approve', { advance: DAY });
    expect(journey.state.resolvedAt).toEqual(journey.now);
    const resolvedAt = journey.state.resolvedAt;
    journey.act('rate');
    journey.act('hide');
    expect(journey.state.resolvedAt).toEqual(resolvedAt);
  });

  test('rejected and withdrawn reports are not resolved', () => {
    expect(reach('ditolak').state.resolvedAt).toBeNull();
    expect(reach('dicabut').state.resolvedAt).toBeNull();
  });

  test.each<[string, CommandType[]]>([
    ['menunggu_validasi', ['start_process', 'follow_up']],
    ['menunggu_validasi (from ews)', ['start_process', 'set_ews', 'follow_up']],
    ['selesai', ['start_process', 'follow_up', 'approve']],
    ['ditolak', ['reject']],
    ['dicabut', ['withdraw']],
    ['digabung', ['merge']],
  ])('nextEscalationAt is cleared on reaching %s, even if the event carries one', (label, path) => {
    const journey = new Journey();
    expect(journey.state.nextEscalationAt).toEqual(at(DAY));
    for (const type of path) {
      journey.act(type, { schedule: { nextEscalationAt: at(9 * DAY) } });
      const stillOpen = ['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews'].includes(
        journey.state.status,
      );
      expect(journey.state.nextEscalationAt, type).toEqual(stillOpen ? at(9 * DAY) : null);
    }
    expect(journey.state.status).toBe(label.split(' ')[0]);
    expect(journey.state.nextEscalationAt).toBeNull();
  });

  test('nextEscalationAt stays in open statuses when the event has no schedule', () => {
    const journey = new Journey();
    for (const type of [
      'edit',
      'add_note',
      'hide',
      'show',
      'escalate',
      'coordinate',
      'start_process',
      'set_ews',
    ] as const) {
      journey.act(type);
      expect(journey.state.nextEscalationAt, type).toEqual(at(DAY));
    }
  });

  test('a schedule on an event is applied field by field; null clears nextEscalationAt', () => {
    const journey = new Journey();
    const initial = journey.state;
    journey.act('coordinate', { schedule: { responseDueAt: at(2 * DAY) } });
    expect(journey.state.responseDueAt).toEqual(at(2 * DAY));
    expect(journey.state.completionDueAt).toEqual(initial.completionDueAt);
    expect(journey.state.nextEscalationAt).toEqual(initial.nextEscalationAt);

    journey.act('start_process', {
      schedule: { completionDueAt: at(6 * DAY), nextEscalationAt: at(3 * DAY) },
    });
    expect(journey.state.responseDueAt).toEqual(at(2 * DAY));
    expect(journey.state.completionDueAt).toEqual(at(6 * DAY));
    expect(journey.state.nextEscalationAt).toEqual(at(3 * DAY));

    journey.act('add_note', { schedule: { nextEscalationAt: null } });
    expect(journey.state.nextEscalationAt).toBeNull();

    journey.act('follow_up');
    journey.act('return', { schedule: { nextEscalationAt: at(8 * DAY) } });
    expect(journey.state.status).toBe('proses');
    expect(journey.state.nextEscalationAt).toEqual(at(8 * DAY));
  });

  test('the created event’s schedule sets the first deadlines', () => {
    const journey = new Journey(createdEvent({}, T0, { nextEscalationAt: undefined }));
    expect(journey.state.responseDueAt).toEqual(at(DAY));
    expect(journey.state.completionDueAt).toEqual(at(5 * DAY));
    expect(journey.state.nextEscalationAt).toBeNull();
  });

  test('EWS sets ewsUntil and completionDueAt to the until date; a second EWS moves both', () => {
    const journey = reach('proses');
    journey.run({ type: 'set_ews', until: at(14 * DAY), reason: 'Menunggu aspal' }, officerOf(UNIT_A), {
      schedule: { nextEscalationAt: at(13 * DAY) },
    });
    expect(journey.state.ewsUntil).toEqual(at(14 * DAY));
    expect(journey.state.completionDueAt).toEqual(at(14 * DAY));
    expect(journey.state.nextEscalationAt).toEqual(at(13 * DAY));
    journey.run({ type: 'set_ews', until: at(21 * DAY), reason: 'Cuaca' }, officerOf(UNIT_A));
    expect(journey.state.status).toBe('ews');
    expect(journey.state.ewsUntil).toEqual(at(21 * DAY));
    expect(journey.state.completionDueAt).toEqual(at(21 * DAY));
  });

  test('hide, remove and show change only the visibility, and record the reason', () => {
    const journey = reach('proses');
    const base = journey.state;
    journey.run({ type: 'hide', reason: 'Foto wajah warga' }, officerOf(UNIT_A));
    expect(journey.state).toEqual({
      ...base,
      visibility: 'hidden',
      visibilityReason: 'Foto wajah warga',
      eventCount: base.eventCount + 1,
      updatedAt: journey.now,
    });
    journey.run({ type: 'show', reason: 'Foto sudah diburamkan' }, verifier);
    expect(journey.state.visibility).toBe('visible');
    expect(journey.state.visibilityReason).toBeNull();
    journey.run({ type: 'remove', reason: 'Laporan spam' }, admin);
    expect(journey.state.visibility).toBe('removed');
    expect(journey.state.visibilityReason).toBe('Laporan spam');
    expect(journey.state.status).toBe('proses');
  });

  test('moderation works on closed reports too and survives a reopen', () => {
    const journey = reach('selesai');
    journey.run({ type: 'hide', reason: 'Alamat rumah warga' }, verifier);
    journey.run({ type: 'reopen', reason: 'Muncul lagi', windowDays: 7 }, owner);
    expect(journey.state.visibility).toBe('hidden');
    expect(journey.state.visibilityReason).toBe('Alamat rumah warga');
  });

  test('a note changes nothing but the event count and updatedAt', () => {
    const journey = reach('ews');
    const base = journey.state;
    journey.run({ type: 'add_note', note: 'Material datang besok' }, officerOf(UNIT_A));
    expect(journey.state).toEqual({ ...base, eventCount: base.eventCount + 1, updatedAt: journey.now });
  });

  test('each escalation raises the level and names the unit, without moving the report', () => {
    const journey = reach('koordinasi');
    const escalated = journey.run({ type: 'escalate', targetUnitId: UNIT_ESC }, system);
    expect(escalated).toMatchObject({ type: 'escalated', targetUnitId: UNIT_ESC, level: 1 });
    expect(journey.state).toMatchObject({
      escalatedUnitId: UNIT_ESC,
      escalationLevel: 1,
      status: 'koordinasi',
    });
    journey.run({ type: 'escalate', targetUnitId: UNIT_C }, system);
    expect(journey.state).toMatchObject({
      escalatedUnitId: UNIT_C,
      escalationLevel: 2,
      assignedUnitId: UNIT_B,
    });
  });

  test('coordinate and delegate move the report to the target unit', () => {
    const journey = new Journey();
    journey.run({ type: 'coordinate', targetUnitId: UNIT_B, note: 'Jalan kota' }, officerOf(UNIT_A));
    expect(journey.state).toMatchObject({ status: 'koordinasi', assignedUnitId: UNIT_B });
    journey.run({ type: 'delegate', targetUnitId: UNIT_C }, officerOf(UNIT_B));
    expect(journey.state).toMatchObject({ status: 'disposisi', assignedUnitId: UNIT_C });
  });

  test('decide and evolve do not mutate their input', () => {
    const journey = reach('proses');
    const before = frozen(journey.state);
    const snapshot = structuredClone(before);
    const event = decide(before, validCommand('set_ews', before, at(DAY)), officerOf(UNIT_A), at(DAY));
    const eventSnapshot = structuredClone(event);
    evolve(before, event);
    expect(before).toEqual(snapshot);
    expect(event).toEqual(eventSnapshot);
  });

  test('evolve refuses to start a report with anything but a created event', () => {
    const event = decide(reach('menunggu').state, { type: 'add_note', note: 'x' }, admin, at(HOUR));
    expect(() => evolve(null, event)).toThrow(/cannot start a report/);
  });
});
