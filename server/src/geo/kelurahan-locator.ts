import { readFile } from 'node:fs/promises';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { CellGrid } from './cell-grid.js';
import { compileArea } from './compiled-area.js';
import { interiorCandidates } from './interior-points.js';

export interface KelurahanHit {
  readonly code: string;
  readonly name: string;
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
  hit: KelurahanHit;
  feature: Feature<Polygon | MultiPolygon>;
}

const isArea = (g: Geometry | null): g is Polygon | MultiPolygon =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon';

/**
 * Point → kelurahan over the boundary file: the polygons are compiled into flat arrays and a uniform grid
 * of candidate lists (see CellGrid), so a lookup allocates nothing and most need no polygon test at all.
 * A point outside every polygon is outside the service area: it is never snapped to the nearest kelurahan.
 * Where simplified polygons overlap slightly, the first feature in file order wins.
 */
export class KelurahanLocator {
  private readonly centroids = new Map<string, LatLng>();

  private constructor(
    private readonly areas: Area[],
    private readonly byCode: Map<string, Area>,
    private readonly grid: CellGrid,
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
        // one frozen hit per kelurahan, handed out by every lookup instead of a fresh object
        hit: Object.freeze({ code, name: typeof name === 'string' ? name : code }),
        feature: feature as Feature<Polygon | MultiPolygon>,
      };
    });
    if (areas.length === 0) throw new Error('the boundary collection has no features');
    const grid = CellGrid.build(
      areas.map((a, i) => {
        try {
          return compileArea(a.feature.geometry);
        } catch (error) {
          throw new Error(`feature #${i} (${a.hit.code}): ${(error as Error).message}`);
        }
      }),
    );
    return new KelurahanLocator(areas, new Map(areas.map((a) => [a.hit.code, a])), grid);
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
    return this.areas.map((a) => a.hit.code);
  }

  /**
   * The kelurahan containing the point, or null when it lies outside every kelurahan or is not a real
   * coordinate. The returned object is shared between lookups and frozen.
   */
  locate(lat: number, lng: number): KelurahanHit | null {
    // NaN fails every comparison, so it lands here too
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return null;
    const index = this.grid.find(lng, lat);
    return index < 0 ? null : this.areas[index]!.hit;
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
    // turf's ignoreBoundary keeps the point off the edges, where a neighbour could claim it
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
