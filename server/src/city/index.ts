export type {
  BoundaryCollection,
  Category,
  City,
  CityConfig,
  Landmark,
  Region,
  RegionAlias,
  RegionLevel,
  RoutingRule,
  RoutingTarget,
  SlaClock,
  SlaPolicy,
  Unit,
  UnitKind,
} from './city-types.js';
export { AREA_OFFICE_KINDS, REGION_LEVELS, UNIT_KINDS } from './city-types.js';
export { CityConfigSchema } from './city-config-schema.js';
export { CityDataError } from './city-data-error.js';
export { accusedOffices, isConductCategory } from './conduct.js';
export { DEFAULT_CITY_DIR, loadCity } from './load-city.js';
export { findPlace, rankPlaces } from './find-place.js';
export type { PlaceCandidate, PlaceLevel, PlaceMatch } from './find-place.js';
export { findRegionByName } from './find-region.js';
export type { RegionMatch } from './find-region.js';
export { kecamatanOf, kelurahanOf, kotaOf, regionAtLevel, regionChain, regionsAtLevel } from './regions.js';
export { routeReport, routeWithoutPlace, RoutingError } from './routing.js';
export type { RouteResult } from './routing.js';
export { parentUnitId, unitChain } from './units.js';
