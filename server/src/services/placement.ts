import { routeReport } from '../city/routing.js';
import { findRegionByName } from '../city/find-region.js';
import { DomainError } from '../domain/domain-error.js';
import type { CityContext } from './city-context.js';

export interface Placement {
  kelurahanCode: string | null;
  assignedUnitId: string;
  suggestedUnitId: string | null;
  rule: string;
  mode: string;
}

/** The smallest confidence at which a place name in an address is trusted to route a report. */
const ADDRESS_CONFIDENCE = 0.6;

export interface PlaceInput {
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  /** The complaint itself: people without GPS often name the place in the message ("depan Pasar Minggu"). */
  text?: string | null;
}

function nameIn(ctx: CityContext, text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  const match = findRegionByName(ctx.city, text);
  return match && match.confidence >= ADDRESS_CONFIDENCE ? match.code : null;
}

function kelurahanOf(ctx: CityContext, input: PlaceInput) {
  if (input.lat != null && input.lng != null) {
    const hit = ctx.locator.locate(input.lat, input.lng);
    if (!hit)
      throw new DomainError(422, 'outside_service_area', {
        id: 'Lokasi berada di luar wilayah layanan kota ini',
        en: 'The location is outside this city’s service area',
      });
    return { code: hit.code, how: 'gps' };
  }
  if (input.address?.trim()) {
    const fromAddress = nameIn(ctx, input.address);
    if (fromAddress) return { code: fromAddress, how: 'alamat' };
    const fromText = nameIn(ctx, input.text);
    return fromText ? { code: fromText, how: 'teks laporan' } : null;
  }
  throw DomainError.invalid({
    id: 'Lokasi wajib diisi: koordinat (lat dan lng) atau alamat',
    en: 'A location is required: coordinates (lat and lng) or an address',
  });
}

/**
 * Where a report lands. Jakarta practice: at the kelurahan of the location, with the responsible office
 * suggested; "direct": straight to the responsible office. Unknown place: the city's triage desk.
 */
export function placeReport(ctx: CityContext, category: string, input: PlaceInput): Placement {
  return placeInKelurahan(ctx, category, kelurahanOf(ctx, input));
}

/** The same placement for a kelurahan already known (or null when the place is unknown). */
export function placeInKelurahan(
  ctx: CityContext,
  category: string,
  place: { code: string; how: string } | null,
): Placement {
  const { config } = ctx.city;
  if (!place)
    return {
      kelurahanCode: null,
      assignedUnitId: config.triageUnitId,
      suggestedUnitId: null,
      rule: 'lokasi tidak dikenal → meja triase',
      mode: config.routingMode,
    };
  const route = routeReport(ctx.city, category, place.code);
  const rule = `${place.how} → ${place.code}; ${route.ruleText}`;
  if (config.routingMode === 'direct')
    return {
      kelurahanCode: place.code,
      assignedUnitId: route.unitId,
      suggestedUnitId: null,
      rule,
      mode: 'direct',
    };
  const kelurahanUnit = ctx.city.unitByRegion.get(place.code);
  if (!kelurahanUnit) throw new Error(`no kelurahan office for region ${place.code}`);
  return {
    kelurahanCode: place.code,
    assignedUnitId: kelurahanUnit,
    suggestedUnitId: route.unitId === kelurahanUnit ? null : route.unitId,
    rule,
    mode: 'jakarta',
  };
}
