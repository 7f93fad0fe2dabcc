import { Type } from 'typebox';
import { ACCOUNT_ACTIONS } from '../../domain/authorize.js';
import { STAFF_ROLES } from '../../domain/report-events.js';
import { UNIT_KINDS } from '../../city/city-types.js';
import { STATUSES } from '../../domain/statuses.js';
import { Bilingual, DateTime, Exact, Nullable, Page, StringEnum } from '../../services/reads/read-schemas.js';
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
    channel: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9_]{1,40}$',
        description: 'A channel code of city.json, e.g. whatsapp',
      }),
    ),
    kelurahan: Type.Optional(Type.String({ pattern: '^[0-9.]{2,20}$' })),
    scope: Type.Optional(Type.Union([Type.Literal('assigned'), Type.Literal('escalated')])),
    overdue: Type.Optional(Type.Boolean()),
    similar: Type.Optional(
      Type.Boolean({ description: 'Only reports with open laporan serupa (similar reports)' }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Words in the redacted text or the ticket (every word must appear, any case)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UnitsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words in the name or id' })),
    parent: Type.Optional(Type.String({ maxLength: 80, description: 'Only units directly under this one' })),
    kind: Type.Optional(Type.String({ maxLength: 40, description: 'kelurahan, suku_dinas, dinas, …' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const RevealBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'What the identity is needed for (at least 20 characters); the reporter is told it',
    }),
  },
  { additionalProperties: false },
);

export const RevealDecisionBody = Type.Object(
  {
    approve: Type.Boolean(),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Why; required (at least 10 characters) to refuse' }),
    ),
  },
  { additionalProperties: false },
);

export const RevealRequestsQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['menunggu', 'semua'] as const, { default: 'semua' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);

// Sign-in and reveal hand over Dates; the serializer writes them as ISO strings.
const SerializedDateTime = Type.Unsafe<Date>(DateTime);

export const StaffUser = Exact(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    role: StringEnum(STAFF_ROLES),
    unitId: Type.String(),
    mustChangePassword: Type.Optional(
      Type.Boolean({
        description:
          'Signed in with a temporary password an administrator set: nothing but /auth/me, /auth/password and sign-out until they choose their own',
      }),
    ),
  },
  { title: 'StaffUser' },
);

export const Session = Exact({
  token: Type.String({ description: 'petugas_…: send as Authorization: Bearer (or use the cookie)' }),
  expiresAt: SerializedDateTime,
  user: StaffUser,
});

export const SignedOut = Exact({ ok: Type.Literal(true) });

export const Unit = Exact(
  {
    id: Type.String(),
    name: Type.String(),
    kind: StringEnum(UNIT_KINDS),
    regionCode: Nullable(Type.String()),
    parentId: Nullable(Type.String()),
    sector: Nullable(Type.String()),
    email: Nullable(Type.String()),
  },
  { title: 'Unit' },
);

export const Me = Exact({
  user: StaffUser,
  unit: Nullable(Unit),
  permissions: Type.Array(StringEnum(ACCOUNT_ACTIONS), {
    description:
      'What this account may do apart from any one report: queue.verification (the city-wide queue of evidence ' +
      'awaiting verification), jobs.manage (failed background jobs), reveal.decide (approve or refuse requests to see a reporter). What it may do on a ' +
      'report is that report’s allowedActions.',
  }),
  channels: Type.Array(Exact({ code: Type.String(), kind: Type.String(), name: Bilingual }), {
    description: 'The city’s intake channels (the queue’s channel filter, the desk’s choice of channel)',
  }),
});

export const UnitsPage = Page(
  Exact({
    id: Type.String(),
    name: Type.String(),
    kind: StringEnum(UNIT_KINDS),
    parentId: Nullable(Type.String()),
  }),
);

/** The one response that carries a reporter's identity: to the authorised official only, audited. */
export const Revealed = Exact({
  ticket: Type.String(),
  anonymous: Type.Boolean(),
  viewUntil: DateTime,
  identity: Nullable(
    Exact({
      name: Type.Optional(Nullable(Type.String())),
      phone: Type.Optional(Nullable(Type.String())),
      email: Type.Optional(Nullable(Type.String())),
      nik: Type.Optional(Nullable(Type.String())),
    }),
  ),
});
