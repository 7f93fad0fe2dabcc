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
  // the kelurahan outlines for the monitoring room's map: code and name only, coordinates to 5 decimals (~1 m)
  const round = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(round)
      : typeof value === 'number'
        ? Math.round(value * 1e5) / 1e5
        : value;
  const boundaries = JSON.stringify({
    type: 'FeatureCollection',
    features: ctx.city.city.boundaries.kelurahan.features.map((f) => ({
      type: 'Feature',
      properties: { code: f.properties.kode, name: f.properties.nama ?? f.properties.kode },
      geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
    })),
  });
  return async (app) => {
    app.get(
      '/api/v1/regions/kelurahan/boundaries',
      {
        schema: {
          tags: ['Publik / Public'],
          summary: 'Batas kelurahan (GeoJSON) / Kelurahan boundaries (GeoJSON)',
          description:
            'FeatureCollection; properties: code, name. Data kota (lisensi di folder datanya) / city data (licence in its data folder).',
          produces: ['application/geo+json'],
        },
      },
      async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=86400').type('application/geo+json').send(boundaries),
    );
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
