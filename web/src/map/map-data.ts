import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { api, failure, type Schemas } from '../api/client';

export type MapConfig = Schemas['MapConfig'];
export type Outlines = FeatureCollection<
  Polygon | MultiPolygon,
  { code: string; name: string; label?: [number, number] }
>;

// asked once per page: the outlines are the same for every map (and cached by the browser for a day, by ETag after)
let config: Promise<MapConfig> | null = null;
let outlines: Promise<Outlines> | null = null;

export function mapConfig(): Promise<MapConfig> {
  const asked = (config ??= api.GET('/api/v1/map').then(({ data, error, response }) => {
    if (!data) throw failure(response, error);
    return data as MapConfig;
  }));
  asked.catch(() => (config = null)); // a failed request is asked again next time
  return asked;
}

export function kelurahanOutlines(): Promise<Outlines> {
  const asked = (outlines ??= api
    .GET('/api/v1/regions/boundaries', { params: { query: { level: 'kelurahan' } } })
    .then(({ data, error, response }) => {
      if (!data) throw failure(response, error);
      return data as unknown as Outlines;
    }));
  asked.catch(() => (outlines = null));
  return asked;
}
