import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../services/app/app-context.js';
import { suggestCategories, suggestPlace } from '../../services/intake/suggest.js';
import { Bilingual, ErrorResponse } from '../schemas.js';
import { Exact, KelurahanRef, Nullable } from '../../services/reads/read-schemas.js';

const TAGS = ['Saran / Suggestions'];

/**
 * The report form asks these while the citizen types (debounced), so a person makes a few a minute; a page
 * left open makes no more. 120 a minute from one address leaves room for a shared carrier address (CGNAT).
 */
export const SUGGESTIONS_PER_MINUTE = 120;

const CategorySuggestions = Exact(
  {
    items: Type.Array(
      Exact({
        code: Type.String(),
        label: Bilingual,
        confidence: Type.Number({ minimum: 0, maximum: 1 }),
      }),
      { maxItems: 3 },
    ),
  },
  { title: 'CategorySuggestions' },
);

const PlaceSuggestion = Exact(
  {
    found: Type.Boolean(),
    how: Type.Union([Type.Literal('gps'), Type.Literal('address')]),
    kelurahan: Nullable(KelurahanRef),
    kecamatan: Nullable(Type.String()),
    kota: Nullable(Type.String()),
    message: Bilingual,
  },
  { title: 'PlaceSuggestion' },
);

const limited = { config: { rateLimit: { max: SUGGESTIONS_PER_MINUTE, timeWindow: '1 minute' } } };

/** Public helpers for the report form: nothing is stored, no identity is involved. */
export function suggestRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/suggest/category',
      {
        ...limited,
        schema: {
          tags: TAGS,
          summary: 'Saran kategori dari teks laporan / Category suggestions for a report text',
          description:
            'The category model’s top 3 for the text, with calibrated confidence. Nothing is stored.',
          body: Type.Object(
            { text: Type.String({ minLength: 1, maxLength: 4000 }) },
            { additionalProperties: false },
          ),
          response: { 200: CategorySuggestions, 400: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request) => ({ items: suggestCategories(ctx, request.body.text) }),
    );

    app.post(
      '/api/v1/suggest/place',
      {
        ...limited,
        schema: {
          tags: TAGS,
          summary: 'Kelurahan dari alamat atau GPS / The kelurahan of an address or GPS point',
          description:
            'Found as intake will place the report: a GPS point by the kelurahan boundaries, an address by ' +
            'place names. Nothing is stored.',
          body: Type.Union([
            Type.Object(
              { text: Type.String({ minLength: 1, maxLength: 500 }) },
              { additionalProperties: false },
            ),
            Type.Object(
              {
                lat: Type.Number({ minimum: -90, maximum: 90 }),
                lng: Type.Number({ minimum: -180, maximum: 180 }),
              },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: PlaceSuggestion, 400: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request) => suggestPlace(ctx, request.body),
    );
  };
}
