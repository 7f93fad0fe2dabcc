import { type Action, can, POLICIES } from './authorize.js';
import { evolve } from './evolve.js';
import type { Actor } from './report-events.js';
import type { ReportState } from './report-state.js';

// A report held by unit A, suggested to unit B, filed by citizen `owner`; the follow-up was given by `officer-a`.
const HOLDER = 'unit-a';
const SUGGESTED = 'unit-b';
const report: ReportState = evolve(null, {
  type: 'created',
  at: new Date('2026-01-05T02:00:00Z'),
  actor: { kind: 'citizen', id: 'owner', unitId: null },
  report: {
    id: 'r1',
    ticket: 'JK2601050001',
    categoryCode: 'jalan',
    text: '-',
    address: null,
    lat: null,
    lng: null,
    kelurahanCode: null,
    channel: 'api',
    isPrivate: false,
    isAnonymous: false,
    citizenId: 'owner',
    identityId: null,
    assignedUnitId: HOLDER,
    suggestedUnitId: SUGGESTED,
    slaClock: 'working',
  },
  routing: { rule: '-', mode: 'auto' },
  schedule: {
    responseDueAt: new Date('2026-01-06T02:00:00Z'),
    completionDueAt: new Date('2026-01-10T02:00:00Z'),
    nextEscalationAt: null,
  },
});

const COLUMNS: [string, Actor][] = [
  ['reporter', { kind: 'citizen', id: 'owner', unitId: null }],
  ['other citizen', { kind: 'citizen', id: 'someone', unitId: null }],
  ['officer, holding unit', { kind: 'officer', id: 'officer-a', unitId: HOLDER }],
  ['officer, suggested unit', { kind: 'officer', id: 'officer-b', unitId: SUGGESTED }],
  ['officer, other unit', { kind: 'officer', id: 'officer-c', unitId: 'unit-c' }],
  ['verifier', { kind: 'verifier', id: 'verifier-1', unitId: null }],
  ['admin', { kind: 'admin', id: 'admin-1', unitId: null }],
  ['reveal official', { kind: 'reveal_authority', id: 'pejabat-1', unitId: null }],
  ['monitoring room', { kind: 'monitor', id: 'wall-1', unitId: null }],
  ['system', { kind: 'system', id: 'escalation', unitId: null }],
];

/**
 * Who may do what, as a Markdown table computed from domain/authorize.ts (never written by hand): ✓ allowed, · not,
 * ✓¹ allowed but never on a follow-up or a reveal request of one's own (separation of duties), and ✓² only on a
 * reveal request of one's own. Statuses aside: domain/decide.ts adds when.
 */
export function authorizationMatrix(): string {
  const header = `| action | ${COLUMNS.map(([name]) => name).join(' | ')} |`;
  const rule = `| --- | ${COLUMNS.map(() => ':-:').join(' | ')} |`;
  const rows = (Object.keys(POLICIES) as Action[]).map((action) => {
    const aboutRequest = action.startsWith('reveal.');
    const cells = COLUMNS.map(([, actor]) => {
      const base = aboutRequest ? { revealRequestedBy: 'someone-else' } : { state: report };
      const own = aboutRequest
        ? { revealRequestedBy: actor.id ?? '-' }
        : { state: report, followedUpBy: actor.id };
      if (!can(actor, action, base)) return can(actor, action, own) ? '✓²' : '·';
      return POLICIES[action].unless && !can(actor, action, own) ? '✓¹' : '✓';
    });
    return `| \`${action}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
