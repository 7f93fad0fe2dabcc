import type { CityContext } from '../../server/src/services/city-context.js';

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

/**
 * `count` deterministic report inputs spread over every kelurahan and category; two in three are private
 * (private reports never reach the public feed).
 */
export function reportInputs(city: CityContext, count: number): ReportInput[] {
  const points = kelurahanPoints(city);
  const categories = [...city.city.categories.keys()].sort();
  if (points.length === 0 || categories.length === 0)
    throw new Error('the city has no kelurahan or categories');
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
}

export const SAMPLE_TEXTS: readonly string[] = TEXTS;
