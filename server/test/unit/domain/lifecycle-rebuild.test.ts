import { mulberry32, pick } from '../../../src/domain/random.js';
import { describe, expect, test } from 'vitest';
import { allowedCommands, decide, type CommandType } from '../../../src/domain/decide.js';
import { DomainError } from '../../../src/domain/domain-error.js';
import { evolve, foldEvents } from '../../../src/domain/evolve.js';
import type { Actor, ReportEvent } from '../../../src/domain/report-events.js';
import type { ReportState, Schedule } from '../../../src/domain/report-state.js';
import type { Status } from '../../../src/domain/statuses.js';
import {
  admin,
  at,
  COMMAND_TYPES,
  createdEvent,
  DAY,
  EVENT_OF,
  EXPECTED,
  Journey,
  mayAct,
  MINUTE,
  officerOf,
  otherCitizen,
  owner,
  REFUSED,
  STATUS_ORDER,
  system,
  UNIT_A,
  UNIT_B,
  UNIT_C,
  UNIT_ESC,
  UNITS,
  validCommand,
  verifier,
  withSchedule,
} from './lifecycle-helpers.js';

/** Checks that folding every prefix of the events gives the state that was built step by step. */
function expectFoldMatches(events: readonly ReportEvent[], snapshots: readonly ReportState[]): void {
  expect(snapshots).toHaveLength(events.length);
  events.forEach((_event, i) => {
    expect(foldEvents(events.slice(0, i + 1)), `after event #${i} (${events[i]!.type})`).toEqual(
      snapshots[i],
    );
  });
}

describe('rebuilding a report from its events', () => {
  test('a long journey folds back to the state built incrementally, at every step', () => {
    const journey = new Journey();
    const snapshots: ReportState[] = [journey.state];
    const step = (...args: Parameters<Journey['run']>) => {
      const event = journey.run(...args);
      snapshots.push(journey.state);
      return event;
    };
    const status = (): Status => journey.state.status;

    step(
      {
        type: 'edit',
        changes: { text: 'Jalan berlubang besar di depan SDN 01', address: 'Jl. Kenari No. 3' },
      },
      owner,
    );
    step({ type: 'add_note', note: 'Bukan jalan lingkungan' }, officerOf(UNIT_A));
    step({ type: 'coordinate', targetUnitId: UNIT_B, note: 'Jalan kota' }, officerOf(UNIT_A), {
      schedule: { nextEscalationAt: at(2 * DAY) },
    });
    expect(status()).toBe('koordinasi');
    const respondedAt = journey.state.respondedAt;
    expect(respondedAt).toEqual(journey.now);

    step({ type: 'escalate', targetUnitId: UNIT_ESC }, system, { advance: 2 * DAY });
    step({ type: 'start_process', note: 'Diambil alih wali kota' }, officerOf(UNIT_ESC));
    expect(status()).toBe('proses');
    step({ type: 'set_ews', until: at(20 * DAY), reason: 'Menunggu aspal' }, officerOf(UNIT_B), {
      schedule: { nextEscalationAt: at(19 * DAY) },
    });
    expect(journey.state).toMatchObject({
      status: 'ews',
      completionDueAt: at(20 * DAY),
      ewsUntil: at(20 * DAY),
    });
    step({ type: 'follow_up', attachmentIds: ['att-1', 'att-2'], note: 'Sudah ditambal' }, officerOf(UNIT_B));
    expect(journey.state).toMatchObject({ status: 'menunggu_validasi', nextEscalationAt: null });
    step({ type: 'return', note: 'Foto tidak menunjukkan lokasi' }, verifier, {
      schedule: { completionDueAt: at(9 * DAY), nextEscalationAt: at(8 * DAY) },
    });
    expect(journey.state).toMatchObject({
      status: 'proses',
      nextEscalationAt: at(8 * DAY),
      resolvedAt: null,
    });
    step(
      { type: 'follow_up', attachmentIds: ['att-3'], note: 'Foto ulang dengan papan nama jalan' },
      officerOf(UNIT_B),
    );
    step({ type: 'approve', note: 'Sesuai' }, verifier, { advance: DAY });
    const firstResolution = journey.now;
    expect(journey.state).toMatchObject({ status: 'selesai', resolvedAt: firstResolution, respondedAt });
    step({ type: 'rate', rating: 3, comment: 'Lumayan' }, owner);
    step({ type: 'hide', reason: 'Nomor telepon di foto' }, verifier);
    step({ type: 'show', reason: 'Foto diganti' }, admin);
    step({ type: 'reopen', reason: 'Lubangnya muncul lagi', windowDays: 7 }, owner, {
      advance: 3 * DAY,
      schedule: {
        responseDueAt: at(30 * DAY),
        completionDueAt: at(35 * DAY),
        nextEscalationAt: at(30 * DAY),
      },
    });
    expect(journey.state).toMatchObject({
      status: 'menunggu',
      assignedUnitId: UNIT_B,
      escalatedUnitId: null,
      respondedAt: null,
      resolvedAt: null,
      rating: null,
      reopenCount: 1,
      nextEscalationAt: at(30 * DAY),
    });
    step({ type: 'edit', changes: { text: 'Lubang muncul lagi setelah hujan' } }, owner);
    step({ type: 'delegate', targetUnitId: UNIT_C, note: 'Saluran air' }, officerOf(UNIT_B));
    step({ type: 'start_process' }, officerOf(UNIT_C));
    step({ type: 'follow_up', attachmentIds: ['att-4'], note: 'Saluran diperbaiki' }, officerOf(UNIT_C));
    step({ type: 'approve' }, admin);
    step({ type: 'rate', rating: 5 }, owner);
    step({ type: 'reopen', reason: 'Masih tergenang', windowDays: 7 }, owner);
    expect(journey.state).toMatchObject({ status: 'menunggu', assignedUnitId: UNIT_C, reopenCount: 2 });
    step({ type: 'reject', reason: 'Genangan di lahan pribadi' }, officerOf(UNIT_C));
    step({ type: 'remove', reason: 'Duplikat' }, officerOf(UNIT_C));

    expect(journey.state).toMatchObject({
      status: 'ditolak',
      visibility: 'removed',
      eventCount: journey.events.length,
    });
    expect(journey.events.map((e) => e.type)).toContain('reopened');
    expect(foldEvents(journey.events)).toEqual(journey.state);
    expectFoldMatches(journey.events, snapshots);
  });

  test('a withdrawn report folds back too', () => {
    const journey = new Journey(createdEvent({ channel: 'jaki', isPrivate: true }));
    journey.run({ type: 'edit', changes: { address: null } }, owner);
    journey.run({ type: 'escalate', targetUnitId: UNIT_ESC }, system);
    journey.run({ type: 'withdraw', reason: null }, owner);
    expect(journey.state).toMatchObject({ status: 'dicabut', nextEscalationAt: null, isPrivate: true });
    expect(foldEvents(journey.events)).toEqual(journey.state);
  });

  test('folding nothing, or starting without a created event, is an error', () => {
    expect(() => foldEvents([])).toThrow();
    const journey = new Journey();
    journey.run({ type: 'add_note', note: 'x' }, admin);
    expect(() => foldEvents(journey.events.slice(1))).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random walks

/** Commands that end a walk early get picked less often, so that walks reach the later statuses. */
const WEIGHT: Partial<Record<CommandType, number>> = {
  reject: 0.15,
  withdraw: 0.15,
  merge: 0.15,
  remove: 0.5,
};

function weightedPick(random: () => number, types: readonly CommandType[]): CommandType {
  const total = types.reduce((sum, t) => sum + (WEIGHT[t] ?? 1), 0);
  let r = random() * total;
  for (const t of types) {
    r -= WEIGHT[t] ?? 1;
    if (r < 0) return t;
  }
  return types[types.length - 1]!;
}

function candidateActors(state: ReportState): Actor[] {
  const actors: Actor[] = [
    owner,
    otherCitizen,
    officerOf(state.assignedUnitId),
    officerOf(UNITS.find((u) => u !== state.assignedUnitId && u !== state.escalatedUnitId) ?? UNIT_C),
    verifier,
    { kind: 'verifier', id: 'verifier-with-unit', unitId: state.assignedUnitId },
    admin,
    system,
  ];
  if (state.escalatedUnitId) actors.push(officerOf(state.escalatedUnitId));
  return actors;
}

function randomSchedule(random: () => number, now: Date): Schedule | undefined {
  const r = random();
  if (r < 0.7) return undefined;
  const later = (days: number) => new Date(now.getTime() + Math.ceil(random() * days) * DAY);
  if (r < 0.8) return { nextEscalationAt: null };
  if (r < 0.9) return { nextEscalationAt: later(5) };
  return { responseDueAt: later(3), completionDueAt: later(10), nextEscalationAt: later(3) };
}

interface WalkStats {
  accepted: Map<CommandType, number>;
  statuses: Set<Status>;
  refused: Map<number, number>;
  ratedAgain: number;
}

/**
 * One random walk. The oracle is the hand-written table and authorisation (EXPECTED, mayAct), never RULES.
 * Reopen uses a window long enough never to expire here: the window itself is tested in the transitions file.
 */
function walk(seed: number, stats: WalkStats): void {
  const random = mulberry32(seed);
  const created = createdEvent(
    random() < 0.2 ? { citizenId: null, isAnonymous: true, channel: 'sms' } : {},
    at(Math.floor(random() * 365) * DAY),
  );
  let state = evolve(null, created);
  let now = created.at;
  const events: ReportEvent[] = [created];
  const log: string[] = [];
  stats.statuses.add(state.status);

  for (let stepNo = 0; stepNo < 40; stepNo++) {
    now = new Date(now.getTime() + Math.ceil(random() * 36 * 60) * MINUTE);
    const actor = pick(random, candidateActors(state));
    const offered = allowedCommands(state, actor);
    let type: CommandType;
    if (actor.kind === 'system' && random() < 0.6) type = 'escalate';
    else if (offered.length > 0 && random() < 0.75) type = weightedPick(random, offered);
    else type = pick(random, COMMAND_TYPES);

    const command = validCommand(type, state, now, random);
    if (command.type === 'reopen') command.windowDays = 36_500;
    const where = `seed ${seed}, step ${stepNo}: ${actor.kind}(${actor.unitId ?? actor.id}) ${type} in ${state.status}\n${log.join('\n')}`;

    const from = state.status;
    const statusOk = EXPECTED[type][from] !== REFUSED;
    const actorOk = mayAct(state, actor, type);
    const alreadyRated = type === 'rate' && state.rating !== null;

    let event: ReportEvent | undefined;
    let error: unknown;
    try {
      event = decide(state, command, actor, now);
    } catch (e) {
      error = e;
    }

    if (event) {
      expect(statusOk && actorOk && !alreadyRated, `accepted but should not be: ${where}`).toBe(true);
      if (type !== 'escalate') expect(offered, `accepted but not offered: ${where}`).toContain(type);
      expect(event.type).toBe(EVENT_OF[type]);
      const schedule = randomSchedule(random, now);
      const stored = schedule ? withSchedule(event, schedule) : event;
      state = evolve(state, stored);
      events.push(stored);
      expect(state.status, where).toBe(EXPECTED[type][from]);
      stats.accepted.set(type, (stats.accepted.get(type) ?? 0) + 1);
      stats.statuses.add(state.status);
      log.push(`  ${stepNo}: ${type} by ${actor.kind} → ${state.status}`);
    } else {
      expect(error, where).toBeInstanceOf(DomainError);
      const status = (error as DomainError).httpStatus;
      if (!statusOk && !actorOk) expect([403, 409], where).toContain(status);
      else if (!statusOk) expect(status, where).toBe(409);
      else if (!actorOk) expect(status, where).toBe(403);
      else if (alreadyRated) expect(status, where).toBe(409);
      else expect.fail(`refused with ${status} but should be accepted: ${where}`);
      stats.refused.set(status, (stats.refused.get(status) ?? 0) + 1);
      if (alreadyRated && statusOk && actorOk) stats.ratedAgain++;
      expect(offered, `refused but offered: ${where}`).not.toContain(type);
    }

    expect(state.eventCount, where).toBe(events.length);
  }

  expect(foldEvents(events), `fold mismatch for seed ${seed}\n${log.join('\n')}`).toEqual(state);
}

describe('random walks', () => {
  test('200 seeded walks: decide agrees with the table and allowedCommands, and the fold matches', () => {
    const stats: WalkStats = { accepted: new Map(), statuses: new Set(), refused: new Map(), ratedAgain: 0 };
    for (let seed = 1; seed <= 200; seed++) walk(seed, stats);

    // The walks must actually explore the lifecycle, or the assertions above prove little.
    for (const type of COMMAND_TYPES)
      expect(stats.accepted.get(type) ?? 0, `accepted ${type}`).toBeGreaterThan(0);
    expect([...stats.statuses].sort()).toEqual([...STATUS_ORDER].sort());
    expect(stats.refused.get(403) ?? 0).toBeGreaterThan(0);
    expect(stats.refused.get(409) ?? 0).toBeGreaterThan(0);
  });
});
