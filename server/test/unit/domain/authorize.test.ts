import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountPermissions,
  type Action,
  authorize,
  can,
  involvedUnitsOf,
  POLICIES,
} from '../../../src/domain/authorize.js';
import { evolve } from '../../../src/domain/evolve.js';
import type { Actor } from '../../../src/domain/report-events.js';
import {
  admin,
  createdEvent,
  expectDomainError,
  officerOf,
  otherCitizen,
  owner,
  Journey,
  system,
  UNIT_A,
  UNIT_B,
  UNIT_C,
  UNIT_ESC,
  verifier,
} from './lifecycle-helpers.js';

const revealAuthority: Actor = { kind: 'reveal_authority', id: 'pejabat-1', unitId: UNIT_A };
const monitor: Actor = { kind: 'monitor', id: 'layar-1', unitId: UNIT_A };
const report = evolve(null, createdEvent({ assignedUnitId: UNIT_A, suggestedUnitId: UNIT_B }));

describe('authorize: reading a report (the staff view)', () => {
  it('the holding unit, the suggested unit, verifiers and admins read it; other units, citizens and the reveal official do not', () => {
    const resource = { state: report };
    expect(can(officerOf(UNIT_A), 'report.read', resource)).toBe(true);
    expect(can(officerOf(UNIT_B), 'report.read', resource)).toBe(true);
    expect(can(verifier, 'report.read', resource)).toBe(true);
    expect(can(admin, 'report.read', resource)).toBe(true);
    expect(can(officerOf(UNIT_C), 'report.read', resource)).toBe(false);
    expect(can(owner, 'report.read', resource)).toBe(false);
    expect(can(revealAuthority, 'report.read', resource)).toBe(false);
  });

  it('a unit the history names (it acted, or the report was sent to it) keeps reading it', () => {
    const journey = new Journey(createdEvent({ assignedUnitId: UNIT_A, suggestedUnitId: null }));
    journey.run({ type: 'delegate', targetUnitId: UNIT_C, note: 'Kewenangan dinas' }, officerOf(UNIT_A));
    expect(journey.state.assignedUnitId).toBe(UNIT_C);
    const involvedUnitIds = involvedUnitsOf(journey.events.map((event) => ({ event })));
    expect(can(officerOf(UNIT_A), 'report.read', { state: journey.state, involvedUnitIds })).toBe(true);
    expect(can(officerOf(UNIT_A), 'report.read', { state: journey.state })).toBe(false);
    expect(can(officerOf(UNIT_A), 'report.delegate', { state: journey.state, involvedUnitIds })).toBe(false);
    expect(can(officerOf(UNIT_B), 'report.read', { state: journey.state, involvedUnitIds })).toBe(false);
  });

  it('an accused office can neither read nor handle the report, even while it holds it', () => {
    const accused = new Set([UNIT_A]);
    const resource = { state: report, accusedUnitIds: accused };
    expect(can(officerOf(UNIT_A), 'report.read', resource)).toBe(false);
    expect(can(officerOf(UNIT_A), 'report.coordinate', resource)).toBe(false);
    expect(can(verifier, 'report.read', resource)).toBe(true);
  });

  it('a refused read is a 404, so a stranger does not learn that the report exists', () => {
    const error = expectDomainError(
      () => authorize(officerOf(UNIT_C), 'report.read', { state: report }),
      404,
    );
    expect(error.message).not.toContain(report.ticket);
  });
});

describe('authorize: what is not about one report', () => {
  it('dual control: the authorised official decides a reveal request, never one of their own', () => {
    const asked = (by: string) => ({ revealRequestedBy: by });
    expect(can(revealAuthority, 'reveal.decide', asked('officer-a'))).toBe(true);
    const own = expectDomainError(
      () => authorize(revealAuthority, 'reveal.decide', asked(revealAuthority.id!)),
      403,
    );
    expect(own.code).toBe('separation_of_duties');
    expect(own.text.en).toContain('another authorised official');
    for (const actor of [officerOf(UNIT_A), verifier, admin, owner, system]) {
      const error = expectDomainError(() => authorize(actor, 'reveal.decide', asked('someone')), 403);
      expect(error.text.id).toContain('pejabat yang berwenang');
      expect(error.text.en).toContain('authorised official');
    }
  });

  it('asking to see a reporter needs a part in the report; seeing needs to be the one who asked', () => {
    expect(can(officerOf(UNIT_A), 'report.request_reveal', { state: report })).toBe(true);
    expect(can(officerOf(UNIT_C), 'report.request_reveal', { state: report })).toBe(false);
    expect(can(owner, 'report.request_reveal', { state: report })).toBe(false);
    const asked = { revealRequestedBy: admin.id! };
    expect(can(admin, 'reveal.view', asked)).toBe(true);
    for (const actor of [revealAuthority, verifier, officerOf(UNIT_A), owner, system])
      expect(can(actor, 'reveal.view', asked)).toBe(false);
  });

  it('the verification queue is for verifiers; the job queue for admins only', () => {
    expect(
      [verifier, admin, officerOf(UNIT_A), revealAuthority].map((a) => can(a, 'queue.verification')),
    ).toEqual([true, false, false, false]);
    expect([admin, verifier, officerOf(UNIT_A), system].map((a) => can(a, 'jobs.manage'))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('a citizen acts only on their own report', () => {
    expect(can(owner, 'report.edit', { state: report })).toBe(true);
    expect(can(otherCitizen, 'report.edit', { state: report })).toBe(false);
    expect(can(otherCitizen, 'report.read', { state: report })).toBe(false);
  });
});

describe('what an account may do, apart from any report', () => {
  it('lists exactly the actions its role allows', () => {
    expect(accountPermissions(verifier)).toEqual(['queue.verification', 'monitor.city', 'staff.console']);
    expect(accountPermissions(admin)).toEqual([
      'jobs.manage',
      'intake.desk',
      'intake.media',
      'audit.read',
      'citizen_token.revoke',
      'accounts.manage',
      'monitor.city',
      'city.read',
      'staff.console',
    ]);
    expect(accountPermissions(revealAuthority)).toEqual(['reveal.decide', 'staff.console']);
    expect(accountPermissions(officerOf(UNIT_A))).toEqual(['intake.desk', 'intake.media', 'staff.console']);
    // the monitoring room's wall screen: the city's figures, nothing else (not even the console)
    expect(accountPermissions(monitor)).toEqual(['monitor.city']);
  });
});

describe('authorize agrees with can, for every action and any actor', () => {
  const actions = Object.keys(POLICIES) as Action[];
  const units = [UNIT_A, UNIT_B, UNIT_C, UNIT_ESC, null];
  const actorArb = fc.record({
    kind: fc.constantFrom('citizen', 'officer', 'verifier', 'admin', 'reveal_authority', 'monitor', 'system'),
    id: fc.constantFrom('citizen-owner', 'someone', null),
    unitId: fc.constantFrom(...units),
  }) as fc.Arbitrary<Actor>;

  it('throws exactly when can says no, and never lets an officer of an uninvolved unit read or act', () => {
    fc.assert(
      fc.property(
        actorArb,
        fc.constantFrom(...actions),
        fc.subarray([UNIT_A, UNIT_B, UNIT_C]),
        (actor, action, accused) => {
          const resource = { state: report, accusedUnitIds: new Set(accused) };
          const allowed = can(actor, action, resource);
          let threw = false;
          try {
            authorize(actor, action, resource);
          } catch {
            threw = true;
          }
          expect(threw).toBe(!allowed);
          if (
            action.startsWith('report.') &&
            actor.kind === 'officer' &&
            (actor.unitId === UNIT_C || actor.unitId === null)
          )
            expect(allowed).toBe(false);
          if (
            action.startsWith('report.') &&
            actor.kind === 'officer' &&
            actor.unitId !== null &&
            accused.includes(actor.unitId)
          )
            expect(allowed).toBe(false);
          // a monitoring-room account sees the city's figures and does nothing else
          if (actor.kind === 'monitor') expect(allowed).toBe(action === 'monitor.city');
        },
      ),
      { numRuns: 500 },
    );
  });
});
