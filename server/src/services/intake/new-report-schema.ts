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

/** What a reporter says, whatever the channel: the REST body, and the report part of a `sigap submit` line. */
export const NewReportProperties = {
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
};

export const NewReportBody = Type.Object(NewReportProperties, { additionalProperties: false });
