import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { cityConfigView } from '../../services/reads/city-config-view.js';
import { errorResponses } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';
import { CityConfigView } from './city-schema.js';

/** The city's configuration for administrators, read-only (it is edited in the data folder). */
export function cityRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/admin/city',
      {
        schema: {
          tags: ['Admin'],
          security: STAFF_SECURITY,
          summary:
            'Konfigurasi kota (hanya baca) / The city’s configuration, read-only: categories, routing, time limits',
          description:
            'As loaded at start from the city data folder; change it by editing the files there and restarting.',
          response: { 200: CityConfigView, ...errorResponses },
        },
      },
      async (request) => cityConfigView(ctx, await requireStaff(ctx, request)),
    );
  };
}
