import { Type } from 'typebox';

const Reporter = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 120 })),
    phone: Type.Optional(
      Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{6,20}$', description: 'e.g. 0812 3456 7890' }),
    ),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    nik: Type.Optional(Type.String({ pattern: '^[0-9 ]{16,19}$', description: '16-digit NIK' })),
  },
  { additionalProperties: false },
);

export const NewReportBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'What is wrong, in the reporter’s words',
    }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    category: Type.Optional(Type.String({ maxLength: 40, description: 'One of the city’s category codes' })),
    private: Type.Optional(
      Type.Boolean({ default: true, description: 'Private reports never reach the public list' }),
    ),
    anonymous: Type.Optional(Type.Boolean({ default: false })),
    channel: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'Where the report comes from: one of the city’s app, web or api channels (default api)',
      }),
    ),
    reporter: Type.Optional(Reporter),
  },
  { additionalProperties: false },
);

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

export const CreatedReportResponse = Type.Object({
  ticket: Type.String(),
  status: Type.String(),
  citizenToken: Type.String({ description: 'Keep it: it opens this report and lists your reports' }),
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
