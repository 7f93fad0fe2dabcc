import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/domain-error.js';
import {
  checkDecidable,
  checkReason,
  checkRefusalNote,
  checkRequestAllowance,
  checkViewable,
  DEFAULT_REVEAL_RULES as RULES,
  type RevealRequestState,
  standingOf,
  viewUntilOf,
} from '../../../src/domain/reveal-request.js';

const T0 = new Date('2026-12-01T03:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const pending: RevealRequestState = {
  status: 'menunggu',
  requestedBy: 'officer-a',
  requestedAt: T0,
  viewUntil: null,
};
const approvedAt = (at: Date): RevealRequestState => ({
  ...pending,
  status: 'disetujui',
  viewUntil: viewUntilOf(at, RULES),
});

function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a reveal request over time', () => {
  it('waits, then lapses when nobody decides within the pending hours', () => {
    expect(standingOf(pending, minutes(60), RULES)).toBe('menunggu');
    expect(standingOf(pending, minutes(RULES.pendingHours * 60 - 1), RULES)).toBe('menunggu');
    expect(standingOf(pending, minutes(RULES.pendingHours * 60), RULES)).toBe('kedaluwarsa');
    expect(refusal(() => checkDecidable(pending, minutes(RULES.pendingHours * 60), RULES)).text.en).toMatch(
      /lapsed/,
    );
  });

  it('an approval opens a view of viewMinutes, then closes it', () => {
    const approved = approvedAt(minutes(10));
    expect(standingOf(approved, minutes(10 + RULES.viewMinutes - 1), RULES)).toBe('disetujui');
    expect(() => checkViewable(approved, minutes(10 + RULES.viewMinutes - 1), RULES)).not.toThrow();
    expect(standingOf(approved, minutes(10 + RULES.viewMinutes), RULES)).toBe('selesai');
    const over = refusal(() => checkViewable(approved, minutes(10 + RULES.viewMinutes), RULES));
    expect([over.httpStatus, over.code]).toEqual([409, 'reveal_not_viewable']);
    expect(over.text.id).toMatch(/sudah habis/);
  });

  it('nothing waiting, refused or decided can be seen or decided again', () => {
    expect(refusal(() => checkViewable(pending, minutes(1), RULES)).text.en).toMatch(/not been approved/);
    const refused = { ...pending, status: 'ditolak' as const };
    expect(refusal(() => checkViewable(refused, minutes(1), RULES)).text.en).toMatch(/refused/);
    expect(refusal(() => checkDecidable(refused, minutes(1), RULES)).code).toBe('reveal_already_decided');
    expect(refusal(() => checkDecidable(approvedAt(T0), minutes(1), RULES)).code).toBe(
      'reveal_already_decided',
    );
  });
});

describe('what a request and a refusal must say', () => {
  it('a reason under 20 characters (spaces aside) is refused with a bilingual 400', () => {
    const error = refusal(() => checkReason('   alasan pendek    '));
    expect([error.httpStatus, error.code]).toEqual([400, 'reason_too_short']);
    expect(error.text.id).toMatch(/minimal 20/);
    expect(checkReason('  Perlu konfirmasi lokasi pasti dari pelapor  ')).toBe(
      'Perlu konfirmasi lokasi pasti dari pelapor',
    );
  });

  it('a refusal needs a note, so the requester learns why', () => {
    expect(refusal(() => checkRefusalNote(null)).code).toBe('note_too_short');
    expect(checkRefusalNote(' Tidak ada kebutuhan yang sah ')).toBe('Tidak ada kebutuhan yang sah');
  });
});

describe('the daily allowance of requests', () => {
  it('allows requestsPerDay in any 24 hours and then answers 429 with when to ask again', () => {
    const recent = [minutes(0), minutes(30), minutes(60)];
    expect(() => checkRequestAllowance(recent.slice(0, 2), minutes(90), RULES)).not.toThrow();
    const error = refusal(() => checkRequestAllowance(recent, minutes(90), RULES));
    expect([error.httpStatus, error.code]).toEqual([429, 'rate_limited']);
    // the oldest of the three leaves the window 24 hours after it was made
    expect(error.retryAfterSeconds).toBe((24 * 60 - 90) * 60);
    expect(() => checkRequestAllowance(recent, minutes(24 * 60), RULES)).not.toThrow();
  });

  it('for any history, refuses exactly when the last 24 hours already hold the allowance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        fc.integer({ min: 1, max: 5 }),
        (offsets, nowOffset, perDay) => {
          const rules = { ...RULES, requestsPerDay: perDay };
          const recent = offsets.filter((o) => o <= nowOffset).map(minutes);
          const inWindow = recent.filter((at) => minutes(nowOffset).getTime() - at.getTime() < 86_400_000);
          let refused: DomainError | null = null;
          try {
            checkRequestAllowance(recent, minutes(nowOffset), rules);
          } catch (error) {
            refused = error as DomainError;
          }
          expect(refused !== null).toBe(inWindow.length >= perDay);
          if (refused) {
            expect(refused.retryAfterSeconds).toBeGreaterThan(0);
            expect(refused.retryAfterSeconds).toBeLessThanOrEqual(86_400);
            // asking again after Retry-After succeeds
            const later = new Date(minutes(nowOffset).getTime() + refused.retryAfterSeconds! * 1000);
            expect(() => checkRequestAllowance(recent, later, rules)).not.toThrow();
          }
        },
      ),
    );
  });
});
