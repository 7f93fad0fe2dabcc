import { describe, expect, test } from 'vitest';
import { allowedCommands, decide, type Command } from '../../../src/domain/decide.js';
import { evolve, foldEvents } from '../../../src/domain/evolve.js';
import { mergeReceived } from '../../../src/domain/merge.js';
import type { MergedEvent } from '../../../src/domain/report-events.js';
import { FINAL_STATUSES, OPEN_STATUSES, STATUS_LABELS, type Status } from '../../../src/domain/statuses.js';
import {
  admin,
  createdEvent,
  expectDomainError,
  HOUR,
  Journey,
  officerOf,
  owner,
  reach,
  STATUS_ORDER,
  system,
  T0,
  UNIT_A,
  UNIT_B,
  UNIT_C,
  verifier,
} from './lifecycle-helpers.js';

/** The report a duplicate is merged into, held by another unit. */
function original(status: Status = 'proses'): Journey {
  return reach(status, createdEvent({ id: 'rep-orig', ticket: 'JK2503020020', assignedUnitId: UNIT_B }));
}

const mergeInto = (into: Journey, note: string | null = 'Masalah yang sama'): Command => ({
  type: 'merge',
  into: into.state,
  note,
});

describe('merge', () => {
  test('the duplicate closes as Digabung, points at the original and stops escalating', () => {
    const dup = reach('proses');
    expect(dup.state.nextEscalationAt).not.toBeNull();
    const into = original();
    const event = dup.run(mergeInto(into, '  Sama dengan JK2503020020  '), officerOf(UNIT_A));
    expect(event).toMatchObject({
      type: 'merged',
      intoReportId: 'rep-orig',
      intoTicket: 'JK2503020020',
      note: 'Sama dengan JK2503020020',
    });
    expect(dup.state).toMatchObject({ status: 'digabung', mergedIntoId: 'rep-orig', nextEscalationAt: null });
    expect(FINAL_STATUSES.has('digabung')).toBe(true);
    expect(OPEN_STATUSES.has('digabung')).toBe(false);
    expect(STATUS_LABELS.digabung).toEqual({ id: 'Digabung', en: 'Merged' });
    expect(foldEvents(dup.events)).toEqual(dup.state);
  });

  test('the original records what it received, keeps its status, and still folds back', () => {
    const dup = reach('menunggu');
    const into = original('ews');
    const merged = decide(dup.state, mergeInto(into), officerOf(UNIT_A), dup.now) as MergedEvent;
    const received = mergeReceived(into.state, dup.state, merged);
    expect(received).toMatchObject({
      type: 'merge_received',
      fromReportId: dup.state.id,
      fromTicket: dup.state.ticket,
      actor: officerOf(UNIT_A),
      note: 'Masalah yang sama',
    });
    const after = evolve(into.state, received);
    expect(after).toEqual({ ...into.state, eventCount: into.state.eventCount + 1, updatedAt: merged.at });
    expect(foldEvents([...into.events, received])).toEqual(after);
  });

  test('mergeReceived refuses an event that names another report', () => {
    const dup = reach('menunggu');
    const into = original();
    const merged = decide(dup.state, mergeInto(into), officerOf(UNIT_A), dup.now) as MergedEvent;
    expect(() => mergeReceived(reach('proses').state, dup.state, merged)).toThrow(/names/);
  });

  test('the handling unit, the escalated unit, a verifier and an admin may merge; others get 403', () => {
    const into = original();
    for (const actor of [officerOf(UNIT_A), verifier, admin]) {
      const dup = reach('menunggu');
      expect(decide(dup.state, mergeInto(into), actor, dup.now).type).toBe('merged');
    }
    const escalated = new Journey();
    escalated.run({ type: 'escalate', targetUnitId: UNIT_C }, system);
    expect(decide(escalated.state, mergeInto(into), officerOf(UNIT_C), escalated.now).type).toBe('merged');
    for (const actor of [officerOf(UNIT_B), owner, system]) {
      const dup = reach('menunggu');
      expectDomainError(() => decide(dup.state, mergeInto(into), actor, dup.now), 403);
    }
  });

  test('merging a report into itself → 400', () => {
    const dup = reach('proses');
    const error = expectDomainError(
      () => decide(dup.state, { type: 'merge', into: dup.state }, officerOf(UNIT_A), dup.now),
      400,
    );
    expect(error.code).toBe('merge_into_itself');
  });

  test.each(STATUS_ORDER.filter((s) => !OPEN_STATUSES.has(s)))(
    'merging into a report that is %s → 409',
    (status) => {
      const dup = reach('proses');
      const into = original(status);
      const error = expectDomainError(
        () => decide(dup.state, mergeInto(into), officerOf(UNIT_A), dup.now),
        409,
      );
      expect(error.code).toBe('merge_target_closed');
      expect(error.text.id).toContain(into.state.ticket);
    },
  );

  test.each([...OPEN_STATUSES])('merging into a report that is %s is accepted', (status) => {
    const dup = reach('menunggu');
    expect(decide(dup.state, mergeInto(original(status)), officerOf(UNIT_A), dup.now).type).toBe('merged');
  });

  test('a merged report cannot be merged again, nor worked on; staff may still annotate and moderate', () => {
    const dup = reach('proses');
    dup.run(mergeInto(original()), officerOf(UNIT_A));
    expectDomainError(
      () => decide(dup.state, mergeInto(original('menunggu')), officerOf(UNIT_A), dup.now),
      409,
    );
    expect(allowedCommands(dup.state, officerOf(UNIT_A)).sort()).toEqual([
      'add_note',
      'hide',
      'remove',
      'show',
    ]);
    expect(allowedCommands(dup.state, owner)).toEqual([]);
  });

  test('an already merged report is no valid target: it is not open', () => {
    const first = original();
    const merged = reach('menunggu', createdEvent({ id: 'rep-merged', ticket: 'JK2503020021' }));
    merged.run(mergeInto(first), officerOf(UNIT_A));
    const dup = reach('menunggu');
    expectDomainError(() => decide(dup.state, mergeInto(merged), officerOf(UNIT_A), dup.now), 409);
  });

  test('a merge counts as the first response', () => {
    const dup = new Journey(createdEvent({}, T0));
    dup.run(mergeInto(original()), officerOf(UNIT_A), { advance: 2 * HOUR });
    expect(dup.state.respondedAt).toEqual(dup.now);
    expect(dup.state.resolvedAt).toBeNull();
  });
});
