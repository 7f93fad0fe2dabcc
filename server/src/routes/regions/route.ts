import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bbox } from '@turf/bbox';
import { Type } from 'typebox';
import type { BoundaryCollection, RegionLevel } from '../../city/city-types.js';
import { DomainError } from '../../domain/domain-error.js';
import { type CompactBoundaries, compactBoundaries } from '../../geo/compact-boundaries.js';
import type { MapTiles } from '../../http/map-tiles.js';
import type { AppContext } from '../../services/app/app-context.js';
import { Exact, Nullable } from '../../services/reads/read-schemas.js';
import { ErrorResponse } from '../schemas.js';

const TAGS = ['Publik / Public'];

const RegionItem = Exact({ code: Type.String(), name: Type.String() });
const KotaList = Exact({ items: Type.Array(RegionItem) }, { title: 'KotaList' });
const RegionList = Exact(
  {
    level: Type.Union([Type.Literal('kota'), Type.Literal('kecamatan'), Type.Literal('kelurahan')]),
    items: Type.Array(RegionItem),
  },
  { title: 'RegionList' },
);
const MapConfig = Exact(
  {
    bounds: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
      description: 'The city’s extent: [west, south, east, north] in degrees',
    }),
    home: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
      description:
        'Where most of its kelurahan lie (the middle 90%, so outlying islands are left out): a map’s first view',
    }),
    tiles: Nullable(
      Exact(
        { url: Type.String(), attribution: Type.String(), maxZoom: Type.Integer() },
        { title: 'MapTiles' },
      ),
      { description: 'A raster tile server (SIGAP_MAP_TILES_URL); null: the maps draw the outlines only' },
    ),
  },
  { title: 'MapConfig' },
);

type BoundaryLevel = 'kota' | 'kecamatan' | 'kelurahan';

/** The middle 90% of the kelurahan's centres on each axis, widened by their own size: the city without outliers. */
function homeExtent(kelurahan: BoundaryCollection): [number, number, number, number] {
  const boxes = kelurahan.features.map((f) => bbox(f));
  const around = (values: number[], low: number, high: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return [at(low), at(high)] as const;
  };
  const [west] = around(
    boxes.map((b) => b[0]),
    0.05,
    0.95,
  );
  const [south] = around(
    boxes.map((b) => b[1]),
    0.05,
    0.95,
  );
  const [, east] = around(
    boxes.map((b) => b[2]),
    0.05,
    0.95,
  );
  const [, north] = around(
    boxes.map((b) => b[3]),
    0.05,
    0.95,
  );
  return [west, south, east, north];
}
const CHILD_LEVEL: Partial<Record<RegionLevel, BoundaryLevel>> = {
  provinsi: 'kota',
  kota: 'kecamatan',
  kecamatan: 'kelurahan',
};
/** The outlines change only with the city data, that is with a restart: a day, then asked again by ETag. */
const BOUNDARY_CACHE = 'public, max-age=86400';

/**
 * The city's regions for the web app's filters and maps: city data, the same for everyone, no report in it.
 * `tiles` is the optional tile server; without it no map asks another host for anything.
 */
export function regionRoutes(ctx: AppContext, tiles: MapTiles | null = null): FastifyPluginAsyncTypebox {
  const { city } = ctx.city;
  const byParent = new Map<string, { code: string; name: string }[]>();
  for (const r of city.regions.values()) {
    const key = r.parentCode ?? '';
    byParent.set(key, [...(byParent.get(key) ?? []), { code: r.code, name: r.name }]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const kotas = [...city.regions.values()]
    .filter((r) => r.level === 'kota')
    .map((r) => ({ code: r.code, name: r.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const [west, south, east, north] = bbox(city.boundaries.kota ?? city.boundaries.kelurahan);
  const mapConfig = {
    bounds: [west, south, east, north] as [number, number, number, number],
    home: homeExtent(city.boundaries.kelurahan),
    tiles: tiles && { url: tiles.url, attribution: tiles.attribution, maxZoom: tiles.maxZoom },
  };
  // made on first request, once per level (simplifying ~270 kelurahan takes a moment; most starts never need it)
  const compact = new Map<BoundaryLevel, CompactBoundaries>();
  const compactOf = (level: BoundaryLevel): CompactBoundaries | null => {
    const source = city.boundaries[level];
    if (!source) return null;
    let made = compact.get(level);
    if (!made) compact.set(level, (made = compactBoundaries(source)));
    return made;
  };

  return async (app) => {
    app.get(
      '/api/v1/regions/kota',
      {
        schema: {
          tags: TAGS,
          summary: 'Kota dan kabupaten kota ini / The city’s kota and kabupaten',
          response: { 200: KotaList },
        },
      },
      async () => ({ items: kotas }),
    );

    app.get(
      '/api/v1/regions',
      {
        schema: {
          tags: TAGS,
          summary: 'Wilayah di bawah satu wilayah / The regions within a region',
          description:
            'The kecamatan of a kota or the kelurahan of a kecamatan (cascading filters); without `parent`, the kota.',
          querystring: Type.Object(
            {
              parent: Type.Optional(
                Type.String({
                  pattern: '^[0-9]{2}(\\.[0-9]{2}){0,2}$',
                  description: 'e.g. 31.74 or 31.74.01',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: RegionList, 404: ErrorResponse },
        },
      },
      async (request) => {
        const { parent } = request.query;
        if (!parent) return { level: 'kota' as const, items: kotas };
        const region = city.regions.get(parent);
        const level = region && CHILD_LEVEL[region.level];
        if (!region || !level)
          throw DomainError.notFound({
            id: `Wilayah ${parent} tidak ada di kota ini atau tidak punya wilayah di bawahnya`,
            en: `Region ${parent} is not in this city or has no regions within it`,
          });
        return { level, items: byParent.get(parent) ?? [] };
      },
    );

    app.get(
      '/api/v1/regions/boundaries',
      {
        schema: {
          tags: TAGS,
          summary: 'Batas wilayah untuk peta / Region outlines for maps',
          description:
            'A simplified GeoJSON FeatureCollection (about 11 m tolerance, 5 decimals), each feature with ' +
            '`properties: {code, name, label: [lng, lat]}` (label: where the name goes); gzipped when accepted, cached a day, with an ETag. The base layer of ' +
            'the web app’s maps; reports are never located with it.',
          querystring: Type.Object(
            {
              level: Type.Union(
                [Type.Literal('kelurahan'), Type.Literal('kecamatan'), Type.Literal('kota')],
                { default: 'kelurahan' },
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Exact(
              { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
              { title: 'BoundaryCollection' },
            ),
            304: Type.Null(),
            404: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const { level } = request.query;
        const outlines = compactOf(level);
        if (!outlines)
          throw DomainError.notFound({
            id: `Kota ini tidak menyediakan batas ${level}`,
            en: `This city provides no ${level} outlines`,
          });
        reply
          .header('cache-control', BOUNDARY_CACHE)
          .header('etag', outlines.etag)
          .header('vary', 'accept-encoding');
        const seen = request.headers['if-none-match'];
        if (seen && seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === outlines.etag))
          return reply.code(304).send(null);
        reply.type('application/geo+json; charset=utf-8');
        // made once from validated city data and sent as it is: Fastify serializes objects, never a string or a
        // Buffer (the schema above documents the shape)
        const body = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
          ? (reply.header('content-encoding', 'gzip'), outlines.gzip)
          : outlines.json;
        return reply.send(body as never);
      },
    );

    app.get(
      '/api/v1/map',
      {
        schema: {
          tags: TAGS,
          summary: 'Pengaturan peta / Map settings',
          description: 'The city’s extent and the optional tile server the web app’s maps use.',
          response: { 200: MapConfig },
        },
      },
      async () => mapConfig,
    );
  };
}
