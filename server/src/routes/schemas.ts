import { Type } from 'typebox';
import { MergedInto } from './duplicate-schemas.js';

export const Bilingual = Type.Object({ id: Type.String(), en: Type.String() });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Bilingual,
      details: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), message: Bilingual }), {
          description: 'What is wrong with which field, in Indonesian and English',
        }),
      ),
    }),
  },
  { $id: 'Error' },
);

export const TicketParams = Type.Object({
  ticket: Type.String({ pattern: '^[A-Z]{1,6}[0-9]{10,}$', description: 'Ticket number, e.g. JK2511230007' }),
});

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const AnyObject = Type.Object({}, { additionalProperties: true });

/** Report views are assembled by services/reads/views.ts; the schema documents them without re-validating. */
export const ReportView = Type.Object(
  { ticket: Type.String(), mergedInto: Type.Optional(MergedInto) },
  { additionalProperties: true },
);

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
