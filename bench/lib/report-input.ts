import { mulberry32 } from '../../server/src/domain/random.js';
import type { CityContext } from '../../server/src/services/app/city-context.js';

/** The JSON a citizen POSTs to /api/v1/reports. */
export interface ReportInput {
  text: string;
  lat: number;
  lng: number;
  category: string;
  private: boolean;
}

const TEXTS = [
  'Jalan berlubang cukup dalam di depan gang, sudah dua minggu belum diperbaiki dan membahayakan pengendara motor.',
  'Lampu penerangan jalan mati sejak beberapa malam, jalan jadi gelap dan warga khawatir ada kejahatan.',
  'Saluran air tersumbat sampah sehingga air meluap ke jalan setiap kali hujan deras turun di sore hari.',
  'Tumpukan sampah liar di pinggir kali belum diangkut, baunya menyengat sampai ke rumah warga sekitar.',
  'Pohon besar di trotoar miring dan dahannya sudah retak, dikhawatirkan tumbang menimpa kendaraan yang parkir.',
  'Pedagang kaki lima menutup seluruh trotoar sehingga pejalan kaki terpaksa berjalan di badan jalan.',
];

/** Kelurahan codes of the city that have a representative point, in code order. */
export function kelurahanPoints(city: CityContext): { code: string; lat: number; lng: number }[] {
  const points: { code: string; lat: number; lng: number }[] = [];
  const codes = [...city.city.regions.values()]
    .filter((r) => r.level === 'kelurahan')
    .map((r) => r.code)
    .sort();
  for (const code of codes) {
    const point = city.locator.centroidOf(code);
    if (point && Number.isFinite(point.lat) && Number.isFinite(point.lng)) points.push({ code, ...point });
  }
  return points;
}

/** Which texts and places the intake phases send (`BENCH_INPUTS`). */
export type InputMix = 'corpus' | 'repeated';

/** A complaint and its category, as the corpus holds them. */
export interface LabelledComplaint {
  text: string;
  category: string;
}

/** Up to this far from the kelurahan's representative point, in degrees (about 450 m). */
const SPREAD_DEGREES = 0.004;

/**
 * `count` deterministic report inputs over every kelurahan in turn; two in three are private (private reports
 * never reach the public feed).
 *
 * - `corpus` (the default): the labelled complaints of the city's corpus in a seeded shuffle, each with its
 *   category, at a seeded random point of the kelurahan (within about 450 m of its representative point), so
 *   texts differ as citizens' do and look-alikes are as rare as chance makes them.
 * - `repeated`: six template texts, every report of a kelurahan at the same point: each new report finds
 *   dozens of open look-alikes and is linked to five, the worst case for the duplicate check.
 */
export function reportInputs(
  city: CityContext,
  count: number,
  mix: InputMix,
  complaints: readonly LabelledComplaint[],
): ReportInput[] {
  const points = kelurahanPoints(city);
  const categories = [...city.city.categories.keys()].sort();
  if (points.length === 0 || categories.length === 0)
    throw new Error('the city has no kelurahan or categories');
  if (mix === 'repeated')
    return Array.from({ length: count }, (_, i) => {
      const point = points[i % points.length]!;
      return {
        text: `${TEXTS[i % TEXTS.length]} (uji beban ${i + 1})`,
        lat: point.lat,
        lng: point.lng,
        category: categories[(i * 7) % categories.length]!,
        private: i % 3 !== 0,
      };
    });
  if (complaints.length === 0) throw new Error('no corpus complaints to send');
  const random = mulberry32(20261123);
  const order = complaints.map((c) => ({ c, key: random() })).sort((a, b) => a.key - b.key);
  return Array.from({ length: count }, (_, i) => {
    const point = points[i % points.length]!;
    const complaint = order[i % order.length]!.c;
    return {
      text: complaint.text,
      ...spreadInside(city, point, random),
      category: complaint.category,
      private: i % 3 !== 0,
    };
  });
}

/** A random point near the representative one that still falls in the same kelurahan (else that point). */
function spreadInside(
  city: CityContext,
  point: { code: string; lat: number; lng: number },
  random: () => number,
): { lat: number; lng: number } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const lat = point.lat + (random() * 2 - 1) * SPREAD_DEGREES;
    const lng = point.lng + (random() * 2 - 1) * SPREAD_DEGREES;
    if (city.locator.locate(lat, lng)?.code === point.code) return { lat, lng };
  }
  return { lat: point.lat, lng: point.lng };
}

export const SAMPLE_TEXTS: readonly string[] = TEXTS;
