import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviveEvent } from '../../../src/store/report-rows.js';

const DATE_KEYS = ['at', 'until', 'responseDueAt', 'completionDueAt', 'nextEscalationAt'];

/** What reviveEvent did before: JSON.parse with a reviver turning every string under a date key into a Date. */
const withReviver = (json: string) =>
  JSON.parse(json, (key, value) =>
    DATE_KEYS.includes(key) && typeof value === 'string' ? new Date(value) : value,
  ) as unknown;

const instant = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const key = fc.oneof(
  fc.constantFrom(...DATE_KEYS),
  fc.constantFrom('type', 'note', 'actor', 'seq'),
  fc.string(),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    instant,
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
}));

describe('reviveEvent', () => {
  it('revives the same dates, at any depth, as a JSON.parse reviver did', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (event) => {
        const json = JSON.stringify(event);
        expect(reviveEvent(json)).toEqual(withReviver(json));
        expect(reviveEvent(event)).toEqual(withReviver(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('revives an event’s instants and leaves other strings alone', () => {
    const event = reviveEvent(
      '{"type": "ews_set", "at": "2026-12-07T03:51:28.173Z", "until": "2026-12-12T00:00:00.000Z", ' +
        '"note": "2026-12-07T03:51:28.173Z", "actor": {"kind": "officer", "id": "u1", "unitId": null}}',
    ) as unknown as Record<string, unknown>;
    expect(event.at).toEqual(new Date('2026-12-07T03:51:28.173Z'));
    expect(event.until).toEqual(new Date('2026-12-12T00:00:00.000Z'));
    expect(event.note).toBe('2026-12-07T03:51:28.173Z');
  });
});
