import { readFile } from 'node:fs/promises';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { bbox } from '@turf/bbox';
import { pointOnFeature } from '@turf/point-on-feature';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { interiorCandidates } from './interior-points.js';

export interface KelurahanHit {
  code: string;
  name: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export interface LocatorOptions {
  /** Feature property holding the region code; the Jakarta files use `kode`. */
  codeProperty?: string;
  /** Feature property holding the name; the Jakarta files use `nama`. */
  nameProperty?: string;
}

interface Area {
  code: string;
  name: string;
  feature: Feature<Polygon | MultiPolygon>;
}

const isArea = (g: Geometry | null): g is Polygon | MultiPolygon =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon';

/**
 * Point → kelurahan by point-in-polygon over the boundary file, with a Flatbush index over the feature
 * bounding boxes. A point outside every polygon is outside the service area: it is never snapped to the
 * nearest kelurahan. Where simplified polygons overlap slightly, the first feature in file order wins.
 */
export class KelurahanLocator {
  private readonly centroids = new Map<string, LatLng>();

  private constructor(
    private readonly areas: Area[],
    private readonly byCode: Map<string, Area>,
    private readonly index: Flatbush,
  ) {}

  static fromGeoJSON(fc: FeatureCollection, options: LocatorOptions = {}): KelurahanLocator {
    const codeKey = options.codeProperty ?? 'kode';
    const nameKey = options.nameProperty ?? 'nama';
    const areas: Area[] = fc.features.map((feature, i) => {
      const code: unknown = feature.properties?.[codeKey];
      const name: unknown = feature.properties?.[nameKey];
      if (typeof code !== 'string' || !isArea(feature.geometry)) {
        throw new Error(`feature #${i}: needs a string "${codeKey}" property and a Polygon or MultiPolygon`);
      }
      return {
        code,
        name: typeof name === 'string' ? name : code,
        feature: feature as Feature<Polygon | MultiPolygon>,
      };
    });
    if (areas.length === 0) throw new Error('the boundary collection has no features');
    const index = new Flatbush(areas.length);
    for (const area of areas) {
      const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox(area.feature);
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    return new KelurahanLocator(areas, new Map(areas.map((a) => [a.code, a])), index);
  }

  static async fromFile(path: string, options?: LocatorOptions): Promise<KelurahanLocator> {
    return KelurahanLocator.fromGeoJSON(
      JSON.parse(await readFile(path, 'utf8')) as FeatureCollection,
      options,
    );
  }

  get size(): number {
    return this.areas.length;
  }

  codes(): string[] {
    return this.areas.map((a) => a.code);
  }

  /** The kelurahan containing the point, or null when it lies outside every kelurahan or is not a real coordinate. */
  locate(lat: number, lng: number): KelurahanHit | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
      return null;
    const candidates = this.index.search(lng, lat, lng, lat).sort((a, b) => a - b);
    for (const i of candidates) {
      const area = this.areas[i];
      if (area && booleanPointInPolygon([lng, lat], area.feature))
        return { code: area.code, name: area.name };
    }
    return null;
  }

  /**
   * A representative point strictly inside the kelurahan that `locate` maps back to it (public maps show
   * reports at this point instead of their exact location); null for an unknown code.
   */
  centroidOf(code: string): LatLng | null {
    const cached = this.centroids.get(code);
    if (cached) return cached;
    const area = this.byCode.get(code);
    if (!area) return null;
    const turfPoint = pointOnFeature(area.feature).geometry.coordinates;
    const candidates = [turfPoint, ...interiorCandidates(area.feature.geometry)];
    const inside = candidates.find(
      ([lng = NaN, lat = NaN]) =>
        booleanPointInPolygon([lng, lat], area.feature, { ignoreBoundary: true }) &&
        this.locate(lat, lng)?.code === code,
    );
    const [lng = NaN, lat = NaN] = inside ?? turfPoint;
    const point = { lat, lng };
    this.centroids.set(code, point);
    return point;
  }
}
