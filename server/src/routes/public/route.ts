import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { STATUSES } from '../../domain/statuses.js';
import type { AppContext } from '../../services/app/app-context.js';
import { listCategories, readCityStats, readPublicFeed } from '../../services/reads/public/public-feed.js';
import { CategoryList, CityStats, PublicFeedPage } from '../../services/reads/public/public-schema.js';
import { ErrorResponse, PageQuery } from '../schemas.js';

const TAGS = ['Publik / Public'];

export function publicRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/public/reports',
      {
        schema: {
          tags: TAGS,
          summary: 'JakRespons: laporan publik yang sedang ditangani / public reports being handled',
          description: 'Only public, non-hidden reports; text redacted; location rounded to the kelurahan.',
          querystring: Type.Object(
            {
              ...PageQuery,
              category: Type.Optional(Type.String({ maxLength: 40 })),
              kota: Type.Optional(
                Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$', description: 'e.g. 31.74' }),
              ),
              kecamatan: Type.Optional(
                Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$', description: 'e.g. 31.74.01' }),
              ),
              kelurahan: Type.Optional(
                Type.String({
                  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$',
                  description:
                    'e.g. 31.74.01.1001; the narrowest of kota, kecamatan and kelurahan given applies',
                }),
              ),
              status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
            },
            { additionalProperties: false },
          ),
          response: { 200: PublicFeedPage, 400: ErrorResponse },
        },
      },
      async (request) => readPublicFeed(ctx, request.query),
    );

    app.get(
      '/api/v1/public/stats',
      { schema: { tags: TAGS, summary: 'Statistik kota / City statistics', response: { 200: CityStats } } },
      async () => readCityStats(ctx),
    );

    app.get(
      '/api/v1/categories',
      {
        schema: {
          tags: TAGS,
          summary: 'Kategori laporan / Report categories',
          response: { 200: CategoryList },
        },
      },
      async () => listCategories(ctx),
    );
  };
}
