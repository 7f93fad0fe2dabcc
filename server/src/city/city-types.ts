import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CityConfig } from './city-config-schema.js';
import type { UnitKind } from './unit-kinds.js';

export type { CityConfig } from './city-config-schema.js';
export { UNIT_KINDS } from './unit-kinds.js';
export type { UnitKind } from './unit-kinds.js';

export const REGION_LEVELS = ['provinsi', 'kota', 'kecamatan', 'kelurahan'] as const;
/** `kota` covers both kota and kabupaten (Kepulauan Seribu is a kabupaten administrasi). */
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface Region {
  /** Dotted Kemendagri code: 31, 31.71, 31.71.01, 31.71.01.1001. */
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
}

/** Kinds that are the general office of their region, where a located report first lands. */
export const AREA_OFFICE_KINDS: readonly UnitKind[] = ['pemda', 'walikota', 'kecamatan', 'kelurahan'];

/** An office that can receive, hand on or escalate a report. */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  regionCode: string | null;
  /** Where the unit escalates to; null at the top (the city government) and for external bodies. */
  parentId: string | null;
  sector: string | null;
  email: string | null;
}

export interface Category {
  code: string;
  nameId: string;
  nameEn: string;
  sector: string;
  descriptionId: string;
}

export type SlaClock = 'working' | 'calendar';

export interface SlaPolicy {
  category: string;
  responseHours: number;
  completionHours: number;
  clock: SlaClock;
}

/** Where a routing rule sends a report: a fixed unit, or the unit of a kind/sector at one of the report's regions. */
export type RoutingTarget =
  | { type: 'unit'; unitId: string }
  /** `kind[:sector]@level`; sector null = any sector (then exactly one unit of the kind may sit there). */
  | { type: 'lookup'; kind: UnitKind; sector: string | null; level: RegionLevel };

export interface RoutingRule {
  category: string;
  /** null = `*` (everywhere); otherwise a region code that must contain the report's kelurahan. */
  regionCode: string | null;
  target: RoutingTarget;
  /** Line in routing.csv. */
  line: number;
  /** The rule as written, with its source line, e.g. `routing.csv:7 jalan,*,suku_dinas:bina-marga@kota`. */
  text: string;
}

export interface RegionAlias {
  alias: string;
  /** null: a place outside the service area (e.g. a neighbouring city), which makes address matches doubtful. */
  code: string | null;
}

/** A well-known place (station, mall, monument) that people name instead of its kelurahan. */
export interface Landmark {
  name: string;
  /** A kelurahan, or a kecamatan for a place spanning several kelurahan. */
  code: string;
}

/** Levels of the regions elsewhere in the country (no villages: see data/indonesia/README.md). */
export type OutsideLevel = 'provinsi' | 'kota' | 'kecamatan';

/** A region outside the city, from the folder city.json `elsewhere` names. */
export interface OutsideRegion {
  code: string;
  level: OutsideLevel;
  name: string;
  parentCode: string | null;
}

/** The rest of the country, without the city's own regions. */
export interface Elsewhere {
  regions: Map<string, OutsideRegion>;
  /** Everyday names of those regions (NTT, Jabar, Jogja). */
  aliases: { alias: string; code: string }[];
}

export interface BoundaryProperties {
  kode: string;
  nama?: string;
  [key: string]: unknown;
}
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

export interface City {
  /** Absolute path of the city data folder. */
  dir: string;
  config: CityConfig;
  regions: Map<string, Region>;
  units: Map<string, Unit>;
  categories: Map<string, Category>;
  slaPolicies: Map<string, SlaPolicy>;
  /** Non-working dates, 'YYYY-MM-DD' in the city's time zone. */
  holidays: Set<string>;
  routingRules: RoutingRule[];
  /** Region code → its general office (kelurahan, kecamatan, wali kota/bupati office or city government). */
  unitByRegion: Map<string, string>;
  regionAliases: RegionAlias[];
  landmarks: Landmark[];
  /** Regions elsewhere in the country (city.json `elsewhere`); null when the city names none. */
  elsewhere: Elsewhere | null;
  boundaries: {
    kelurahan: BoundaryCollection;
    kecamatan: BoundaryCollection | null;
    kota: BoundaryCollection | null;
  };
}
