import { accusedOffices, isConductCategory } from '../../city/conduct.js';
import { routeReport, routeWithoutPlace } from '../../city/routing.js';
import type { OutsidePlace } from '../../city/find-outside.js';
import { locateByName } from '../../city/find-region.js';
import { DomainError } from '../../domain/domain-error.js';
import type { CityContext } from '../app/city-context.js';

export interface Placement {
  kelurahanCode: string | null;
  assignedUnitId: string;
  suggestedUnitId: string | null;
  rule: string;
  mode: string;
}

/**
 * The smallest confidence at which a place name is trusted to route a report. An address field holds nothing
 * but a place, so a bare kelurahan name there ("Tebet Timur", "Jl. Saharjo, Manggarai") is enough; in the
 * complaint text the same bare word may be incidental, so the text needs more (a "Kel." word, a landmark, a
 * matching kecamatan).
 */
export const ADDRESS_CONFIDENCE = { address: 0.55, text: 0.6 };

export interface PlaceInput {
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  /** The complaint itself: people without GPS often name the place in the message ("depan Pasar Minggu"). */
  text?: string | null;
}

type FoundPlace = { code: string; how: string };
/** A text about a place outside the city: the report goes to triage with the place named in its history. */
type OutsideNamed = { outside: OutsidePlace; how: string };

function nameIn(
  ctx: CityContext,
  text: string | null | undefined,
  threshold: number,
  how: string,
): FoundPlace | OutsideNamed | null {
  if (!text?.trim()) return null;
  const { kelurahan, outside } = locateByName(ctx.city, text);
  if (outside) return { outside, how };
  return kelurahan && kelurahan.confidence >= threshold ? { code: kelurahan.code, how } : null;
}

/** Why a report about a place outside the city went to triage (Indonesian / English), naming the place. */
function outsideRule({ outside, how }: OutsideNamed): string {
  const place = outside.code ? `${outside.name} (${outside.code})` : `"${outside.name}"`;
  const en = how === 'alamat' ? 'the address' : 'the report text';
  return `${how} menyebut tempat di luar wilayah kota / ${en} names a place outside the city: ${place} → meja triase`;
}

/**
 * The kelurahan of a report: its GPS point, else the address, else a place named in the complaint itself; or
 * the place outside the city the address (or, without a kelurahan in the address, the text) is about.
 */
function kelurahanOf(ctx: CityContext, input: PlaceInput): FoundPlace | OutsideNamed | null {
  if (input.lat != null && input.lng != null) {
    const hit = ctx.locator.locate(input.lat, input.lng);
    if (!hit)
      throw new DomainError(422, 'outside_service_area', {
        id: 'Lokasi berada di luar wilayah layanan kota ini',
        en: 'The location is outside this city’s service area',
      });
    return { code: hit.code, how: 'gps' };
  }
  if (input.lat != null || input.lng != null)
    throw DomainError.invalid({
      id: 'Koordinat harus lengkap: lat dan lng, atau keduanya dikosongkan',
      en: 'Coordinates need both lat and lng, or neither',
    });
  return (
    nameIn(ctx, input.address, ADDRESS_CONFIDENCE.address, 'alamat') ??
    nameIn(ctx, input.text, ADDRESS_CONFIDENCE.text, 'teks laporan')
  );
}

/** Why a report without a known place went to triage, for its history. */
function unknownPlaceRule(input: PlaceInput): string {
  return input.address?.trim()
    ? 'alamat tidak dikenali → meja triase'
    : 'tanpa lokasi; tidak ada tempat yang disebut dalam laporan → meja triase';
}

/**
 * Where a report lands. Jakarta practice: at the kelurahan of the location, with the responsible office
 * suggested; "direct": straight to the responsible office. Unknown place: the city's triage desk.
 */
export function placeReport(
  ctx: CityContext,
  category: string,
  input: PlaceInput,
  options: { suspectedConduct?: boolean } = {},
): Placement {
  const found = kelurahanOf(ctx, input);
  const place = found && 'code' in found ? found : null;
  const unknownRule = found && 'outside' in found ? outsideRule(found) : unknownPlaceRule(input);
  if (options.suspectedConduct && !isConductCategory(ctx.city, category))
    return {
      kelurahanCode: place?.code ?? null,
      assignedUnitId: ctx.city.config.triageUnitId,
      suggestedUnitId: null,
      rule: `${place ? `${place.how} → ${place.code}` : found ? unknownRule.replace(/ → meja triase$/, '') : 'lokasi tidak dikenal'}; mungkin pengaduan perilaku aparatur → meja triase kota, bukan kantor wilayahnya`,
      mode: ctx.city.config.routingMode,
    };
  return placeInKelurahan(ctx, category, place, unknownRule);
}

/** The same placement for a kelurahan already known (or null when the place is unknown). */
export function placeInKelurahan(
  ctx: CityContext,
  category: string,
  place: FoundPlace | null,
  unknownRule = 'lokasi tidak dikenal → meja triase',
): Placement {
  const { config } = ctx.city;
  if (isConductCategory(ctx.city, category)) return placeConductComplaint(ctx, category, place, unknownRule);
  if (!place)
    return {
      kelurahanCode: null,
      assignedUnitId: config.triageUnitId,
      suggestedUnitId: null,
      rule: unknownRule,
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

const CONDUCT_RULE = 'pengaduan perilaku aparatur: langsung ke unit berwenang, melewati kantor wilayahnya';

/**
 * A complaint about officials' conduct goes straight to the unit its routing rule names, in either routing
 * mode, and never to the offices of its place: they may be the ones accused. Should the rules point at one of
 * them (or name no unit for an unknown place), the city's triage desk takes it instead.
 */
function placeConductComplaint(
  ctx: CityContext,
  category: string,
  place: FoundPlace | null,
  unknownRule: string,
): Placement {
  const { config } = ctx.city;
  const route = place ? routeReport(ctx.city, category, place.code) : routeWithoutPlace(ctx.city, category);
  const accused = accusedOffices(ctx.city, category, place?.code ?? null);
  const where = place ? `${place.how} → ${place.code}` : unknownRule.replace(/ → meja triase$/, '');
  const safe = route && !accused.has(route.unitId);
  return {
    kelurahanCode: place?.code ?? null,
    assignedUnitId: safe ? route.unitId : config.triageUnitId,
    suggestedUnitId: null,
    rule: safe
      ? `${where}; ${CONDUCT_RULE}; ${route.ruleText}`
      : `${where}; ${CONDUCT_RULE}; aturan tidak menunjuk unit lain → meja triase`,
    mode: config.routingMode,
  };
}
