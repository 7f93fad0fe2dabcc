import { Type } from 'typebox';
import { PageQuery } from '../schemas.js';
import { Bilingual, Exact } from '../../services/reads/read-schemas.js';

export const AuditQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,19}$', description: 'nextCursor of the previous page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String(), Type.Null()], { description: 'The staff member who acted, if any' }),
    action: Type.String({
      description:
        'user_created, login, login_refused, reveal_requested, reveal_approved, reveal_refused, identity_revealed, identity_reveal_refused, desk_intake, …',
    }),
    subject: Type.Union([Type.String(), Type.Null()], { description: 'A ticket or an account name' }),
    reason: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
      {
        description: 'Codes and flags only; never a reporter’s identity',
      },
    ),
    hash: Type.Union([Type.String(), Type.Null()], {
      description: 'This entry’s link in the chain (sigap audit verify checks them)',
    }),
  },
  { additionalProperties: false, title: 'AuditEntry' },
);

export const AuditPage = Type.Object(
  { items: Type.Array(AuditEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false, title: 'AuditPage' },
);

export const FailedJobListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const FailedJobParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The job id from the list' }),
});

/** Retrying takes no body; a JSON body (clients often send `{}`) must be empty. */
export const RetryBody = {
  content: { 'application/json': { schema: Type.Object({}, { additionalProperties: false }) } },
};

const Queue = Type.Union(
  [
    Type.Literal('transcode-video'),
    Type.Literal('notify-citizen'),
    Type.Literal('push-citizen'),
    Type.Literal('desk-receipt-sms'),
    Type.Literal('escalation-sweep'),
    Type.Literal('sweep-staging'),
  ],
  { description: 'The job type (its queue)' },
);

export const FailedJob = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    queue: Queue,
    payload: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
      description:
        'What the job was about: ids and codes only (an attachment, a report and its event), never a person',
    }),
    attempts: Type.Integer({ minimum: 1, description: 'Attempts made, the first and every retry' }),
    /** what went wrong in plain words, and whether a retry is likely to help */
    reason: Bilingual,
    error: Type.Union([Type.String(), Type.Null()], {
      description:
        'The last attempt’s technical message, with e-mail addresses, phone numbers and handles taken out (never the data of a database row)',
    }),
    // The service hands over Dates; the serializer writes ISO strings.
    createdAt: Type.Unsafe<Date>(Type.String({ format: 'date-time' })),
    failedAt: Type.Unsafe<Date>(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const FailedJobPage = Type.Object(
  {
    items: Type.Array(FailedJob),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const RetriedJob = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    queue: Queue,
    state: Type.Literal('retry', { description: 'Back in its queue for one more attempt' }),
  },
  { additionalProperties: false },
);

export const RevokeTokenBody = Type.Object(
  {
    reason: Type.String({
      minLength: 10,
      maxLength: 2000,
      description: 'Why (kept in the audit trail), e.g. the citizen reported the token leaked',
    }),
  },
  { additionalProperties: false },
);

export const RevokedToken = Exact(
  {
    ticket: Type.String(),
    revoked: Type.Boolean({
      description:
        'false when the token was already ended (by its holder or earlier), or the report has none',
    }),
  },
  { title: 'RevokedCitizenToken' },
);
