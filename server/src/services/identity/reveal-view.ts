import { type Static, Type } from 'typebox';
import { can } from '../../domain/authorize.js';
import { type RevealRequestState, standingOf } from '../../domain/reveal-request.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { RevealRequestWithTicket } from '../../store/reveal-request-repository.js';
import type { AppContext } from '../app/app-context.js';
import { DateTime, Exact, Nullable, StringEnum, UnitRef } from '../reads/read-schemas.js';
import { unitRef } from '../reads/read-parts.js';
import { actorOf } from './policies.js';
import { revealRulesOf } from './reveal-rules.js';

export const RevealStanding = StringEnum(
  ['menunggu', 'kedaluwarsa', 'disetujui', 'selesai', 'ditolak'] as const,
  {
    description:
      'menunggu: waiting for the official; kedaluwarsa: nobody decided in time; disetujui: approved, the requester ' +
      'may see the identity until viewUntil; selesai: approved, the time to see it is over; ditolak: refused',
  },
);

/** A request to see a reporter, as staff follow it: never the identity itself. */
export const RevealRequestView = Exact(
  {
    id: Type.String({ format: 'uuid' }),
    ticket: Type.String(),
    status: RevealStanding,
    reason: Type.String(),
    requestedAt: DateTime,
    requestedBy: Exact({ name: Type.String(), unit: Nullable(UnitRef) }, { title: 'RevealRequester' }),
    decidedAt: Nullable(DateTime),
    decidedBy: Nullable(Type.String({ description: 'the official who decided' })),
    decisionNote: Nullable(Type.String()),
    viewUntil: Nullable(DateTime),
    firstViewedAt: Nullable(DateTime),
    allowedActions: Type.Array(StringEnum(['approve', 'refuse', 'view'] as const), {
      description: 'What the signed-in account may do with the request now',
    }),
  },
  { title: 'RevealRequest' },
);
export type RevealRequestViewT = Static<typeof RevealRequestView>;

const isoOf = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** A stored request as the rules of domain/reveal-request.ts take it. */
export function revealStateOf(row: RevealRequestWithTicket): RevealRequestState {
  return {
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at),
    viewUntil: row.view_until ? new Date(row.view_until) : null,
  };
}

export function revealRequestView(
  ctx: AppContext,
  row: RevealRequestWithTicket,
  user: StaffUser,
): RevealRequestViewT {
  const status = standingOf(revealStateOf(row), ctx.now(), revealRulesOf(ctx));
  const actor = actorOf(user);
  const resource = { revealRequestedBy: row.requested_by };
  const allowedActions: RevealRequestViewT['allowedActions'] = [];
  if (status === 'menunggu' && can(actor, 'reveal.decide', resource))
    allowedActions.push('approve', 'refuse');
  if (status === 'disetujui' && can(actor, 'reveal.view', resource)) allowedActions.push('view');
  return {
    id: row.id,
    ticket: row.ticket,
    status,
    reason: row.reason,
    requestedAt: new Date(row.requested_at).toISOString(),
    requestedBy: { name: row.requester_name, unit: unitRef(ctx, row.requester_unit_id) },
    decidedAt: isoOf(row.decided_at),
    decidedBy: row.decider_name,
    decisionNote: row.decision_note,
    viewUntil: isoOf(row.view_until),
    firstViewedAt: isoOf(row.first_viewed_at),
    allowedActions,
  };
}
