import { Type } from 'typebox';
import { STATUSES } from '../../domain/statuses.js';
import { PageQuery } from '../schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
    open: Type.Optional(
      Type.Boolean({ description: 'Only reports still waiting for action (default true)' }),
    ),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    kelurahan: Type.Optional(Type.String({ pattern: '^[0-9.]{2,20}$' })),
    scope: Type.Optional(Type.Union([Type.Literal('assigned'), Type.Literal('escalated')])),
    overdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ACTIONS = [
  'coordinate',
  'delegate',
  'process',
  'ews',
  'follow-up',
  'reject',
  'approve',
  'return',
  'hide',
  'remove',
  'show',
  'note',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export const ActionParams = Type.Object({
  ticket: Type.String({ pattern: '^[A-Z]{1,6}[0-9]{10,}$' }),
  action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
});

export const ActionBody = Type.Object(
  {
    targetUnitId: Type.Optional(Type.String({ maxLength: 80 })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    reason: Type.Optional(Type.String({ maxLength: 4000 })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const RevealBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
