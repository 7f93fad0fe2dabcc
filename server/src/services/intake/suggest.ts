import { locateByName } from '../../city/find-region.js';
import type { City } from '../../city/city-types.js';
import type { AppContext } from '../app/app-context.js';
import { ADDRESS_CONFIDENCE } from './placement.js';

export interface CategorySuggestion {
  code: string;
  label: { id: string; en: string };
  confidence: number;
}

/**
 * The model's three likeliest categories for a text being written, for the report form to offer while the
 * citizen types. Nothing is stored or logged: the text is read and forgotten.
 */
export function suggestCategories(ctx: AppContext, text: string): CategorySuggestion[] {
  const { categories } = ctx.city.city;
  return ctx.classifier.classify(text).top3.flatMap(({ category, confidence }) => {
    const known = categories.get(category);
    return known ? [{ code: category, label: { id: known.nameId, en: known.nameEn }, confidence }] : [];
  });
}

export type PlaceQuery = { text: string } | { lat: number; lng: number };

export interface PlaceSuggestion {
  found: boolean;
  how: 'gps' | 'address';
  kelurahan: { code: string; name: string } | null;
  kecamatan: string | null;
  kota: string | null;
  /** What the form shows: the place found, or why none was. */
  message: { id: string; en: string };
}

const nameOf = (city: City, code: string | null | undefined) =>
  code ? (city.regions.get(code)?.name ?? null) : null;

function found(city: City, code: string, how: PlaceSuggestion['how']): PlaceSuggestion {
  const kelurahan = city.regions.get(code);
  const kecamatanCode = kelurahan?.parentCode ?? null;
  const kecamatan = nameOf(city, kecamatanCode);
  const kota = nameOf(city, kecamatanCode ? city.regions.get(kecamatanCode)?.parentCode : null);
  const where = [kelurahan?.name ?? code, kecamatan, kota].filter(Boolean).join(', ');
  return {
    found: true,
    how,
    kelurahan: { code, name: kelurahan?.name ?? code },
    kecamatan,
    kota,
    message: { id: `Kelurahan ${where}`, en: `Kelurahan ${where}` },
  };
}

const notFound = (how: PlaceSuggestion['how'], message: PlaceSuggestion['message']): PlaceSuggestion => ({
  found: false,
  how,
  kelurahan: null,
  kecamatan: null,
  kota: null,
  message,
});

/**
 * The kelurahan of a GPS point or of a typed address, found exactly as intake will place the report
 * (services/intake/placement.ts: the same locator and the same address threshold), so what the form shows is
 * where the report will land. No identity is involved and nothing is stored.
 */
export function suggestPlace(ctx: AppContext, query: PlaceQuery): PlaceSuggestion {
  const { city } = ctx.city;
  if ('lat' in query) {
    const hit = ctx.city.locator.locate(query.lat, query.lng);
    return hit
      ? found(city, hit.code, 'gps')
      : notFound('gps', {
          id: 'Lokasi ini berada di luar wilayah layanan kota',
          en: 'This location is outside the city’s service area',
        });
  }
  const { kelurahan, outside } = locateByName(city, query.text);
  if (outside)
    return notFound('address', {
      id: `Alamat ini menyebut tempat di luar kota: ${outside.name}. Laporan tetap diterima dan diperiksa petugas.`,
      en: `This address names a place outside the city: ${outside.name}. The report is still taken and checked by an officer.`,
    });
  if (kelurahan && kelurahan.confidence >= ADDRESS_CONFIDENCE.address)
    return found(city, kelurahan.code, 'address');
  return notFound('address', {
    id: 'Kelurahan belum dikenali dari alamat ini. Laporan tetap diterima; petugas akan menentukan lokasinya.',
    en: 'No kelurahan recognised in this address yet. The report is still taken; an officer will place it.',
  });
}
