import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { BoundaryCollection } from '../../server/src/city/city-types.js';

/**
 * The locator as it was before the flat-array rewrite, kept as the benchmark's baseline: Flatbush over the
 * feature boxes, candidates sorted into file order, @turf/boolean-point-in-polygon on each.
 */
export function turfLocator(fc: BoundaryCollection): (lat: number, lng: number) => string | null {
  const index = new Flatbush(fc.features.length);
  for (const feature of fc.features) {
    const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox(feature);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return (lat, lng) => {
    for (const i of index.search(lng, lat, lng, lat).sort((a, b) => a - b)) {
      const feature = fc.features[i];
      if (feature && booleanPointInPolygon([lng, lat], feature)) return feature.properties.kode;
    }
    return null;
  };
}
