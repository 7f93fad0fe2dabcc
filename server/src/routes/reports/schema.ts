import { Type } from 'typebox';
import { Exact } from '../../services/reads/read-schemas.js';

export { NewReportBody } from '../../services/intake/new-report-schema.js';

export const IntakeHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'A key you choose for this report (a UUID): sending the same request again with it returns the first ' +
        'answer instead of filing a second report; the same key with another request is a 422',
    }),
  ),
});

export const EditBody = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const WithdrawBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const RatingBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const ReopenBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const RotatedToken = Exact(
  {
    citizenToken: Type.String({
      description: 'Your new token: it opens the same reports; the one you sent no longer works',
    }),
  },
  { title: 'RotatedCitizenToken' },
);

export const EndedToken = Exact({ ended: Type.Literal(true) }, { title: 'EndedCitizenToken' });
