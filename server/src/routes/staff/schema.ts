import { Type } from 'typebox';
import { EVIDENCE_FLAG_LEVELS } from '../../domain/evidence-flags.js';
import { STATUSES } from '../../domain/statuses.js';
import { MergedInto, SimilarReport } from '../duplicate-schemas.js';
import { Bilingual, PageQuery } from '../schemas.js';

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
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

const EvidenceFlag = Type.Object({
  attachmentId: Type.String({ format: 'uuid', description: 'The flagged evidence attachment' }),
  code: Type.Enum(Object.keys(EVIDENCE_FLAG_LEVELS)),
  level: Type.Union([Type.Literal('warning'), Type.Literal('info')]),
  message: Bilingual,
  detail: Type.Object(
    {},
    {
      additionalProperties: true,
      description:
        'Evidence for the flag: ticket, role, usedAt, distance (reuse; never the other reporter), ' +
        'takenAt, reportCreatedAt, receivedAt, distanceMeters, limitMeters, software',
    },
  ),
  // The view hands over a Date; the serializer writes it as an ISO string.
  flaggedAt: Type.Unsafe<Date>(Type.String({ format: 'date-time' })),
});

/** The staff view of a report (services/reads/views.ts); typed here where it differs from the citizen's. */
export const StaffReportView = Type.Object(
  {
    ticket: Type.String(),
    evidenceFlags: Type.Optional(
      Type.Array(EvidenceFlag, {
        description:
          'Integrity flags on follow-up evidence (photo reuse, contradicting capture time or place, generator ' +
          'software); always present for staff, never in citizen or public views',
      }),
    ),
    similar: Type.Optional(
      Type.Array(SimilarReport, {
        description:
          'Laporan serupa: open reports that looked like the same problem at intake, either way round',
      }),
    ),
    mergedInto: Type.Optional(MergedInto),
  },
  { additionalProperties: true },
);
