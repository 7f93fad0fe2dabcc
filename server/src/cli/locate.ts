import type { Readable, Writable } from 'node:stream';
import { locateText, type PlaceCandidate } from '../city/find-place.js';
import type { Config } from '../config.js';
import { type CityContext, loadCityContext } from '../services/app/city-context.js';
import { lineError, mapJsonLines, parseRecord } from './json-lines.js';

interface Place {
  kode: string | null;
  nama: string | null;
  level: PlaceCandidate['level'] | null;
  confidence: number;
}

const NOWHERE: Place = { kode: null, nama: null, level: null, confidence: 0 };

const place = (c: PlaceCandidate): Place => ({
  kode: c.code,
  nama: c.name,
  level: c.level,
  confidence: c.confidence,
});

/**
 * One input record → one output record: `{id, lat, lng}` by the kelurahan boundaries (confidence 1 inside,
 * 0 outside the city), `{id, text}` by the place-name matcher (its confidence, level and alternatives, and
 * `outside`: the place elsewhere in the country the text is about, then with no place of the city).
 */
export function locateRecord(ctx: CityContext, line: string): object {
  const parsed = parseRecord(line);
  if ('error' in parsed) return parsed;
  const { id, record } = parsed;
  if (record.lat !== undefined || record.lng !== undefined) {
    const { lat, lng } = record;
    if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      return lineError(
        id,
        'invalid_coordinates',
        '"lat" dan "lng" wajib berupa angka derajat (lintang −90…90, bujur −180…180)',
        '"lat" and "lng" must be numbers in degrees (latitude −90…90, longitude −180…180)',
      );
    }
    const hit = ctx.locator.locate(lat, lng);
    return { id, ...(hit ? { kode: hit.code, nama: hit.name, level: 'kelurahan', confidence: 1 } : NOWHERE) };
  }
  if (typeof record.text !== 'string') {
    return lineError(
      id,
      'missing_location',
      'Setiap baris wajib punya "lat" dan "lng", atau "text"',
      'Every line needs "lat" and "lng", or "text"',
    );
  }
  const { place: match, outside } = locateText(ctx.city, record.text);
  if (outside) {
    const { name: nama, level, code: kode, matched } = outside;
    return { id, ...NOWHERE, alternatives: [], outside: { nama, level, kode, matched } };
  }
  if (!match) return { id, ...NOWHERE, alternatives: [], outside: null };
  return {
    id,
    ...place(match),
    matched: match.matched,
    alternatives: match.alternatives.map(place),
    outside: null,
  };
}

/** `sigap locate`: JSON lines on stdin → one JSON line per input on stdout; bad lines get an `error` field. */
export async function locateCommand(
  config: Config,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  const ctx = await loadCityContext(config.cityDir);
  await mapJsonLines(input, output, (line) => locateRecord(ctx, line));
}
