import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../services/app/app-context.js';
import { Exact } from '../../services/reads/read-schemas.js';

const KotaList = Exact(
  { items: Type.Array(Exact({ code: Type.String(), name: Type.String() })) },
  { title: 'KotaList' },
);

/** The city's kota (and kabupaten), for filters such as JakRespons's: city data, the same for everyone. */
export function regionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const items = [...ctx.city.city.regions.values()]
    .filter((r) => r.level === 'kota')
    .map((r) => ({ code: r.code, name: r.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return async (app) => {
    app.get(
      '/api/v1/regions/kota',
      {
        schema: {
          tags: ['Publik / Public'],
          summary: 'Kota dan kabupaten kota ini / The city’s kota and kabupaten',
          response: { 200: KotaList },
        },
      },
      async () => ({ items }),
    );
  };
}
