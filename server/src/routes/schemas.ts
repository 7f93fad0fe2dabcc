import { Type } from 'typebox';
import { Bilingual, Exact } from '../services/reads/read-schemas.js';

export { Bilingual };

export const ErrorResponse = Exact(
  {
    error: Exact({
      code: Type.String(),
      message: Bilingual,
      details: Type.Optional(
        Type.Array(Exact({ field: Type.String(), message: Bilingual }), {
          description: 'What is wrong with which field, in Indonesian and English',
        }),
      ),
    }),
  },
  { $id: 'Error', title: 'Error' },
);

export const TicketParams = Type.Object({
  ticket: Type.String({ pattern: '^[A-Z]{1,6}[0-9]{10,}$', description: 'Ticket number, e.g. JK2511230007' }),
});

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  // too fast: per address, per unknown citizen token or per staff account (Retry-After says when to try again)
  429: ErrorResponse,
};
