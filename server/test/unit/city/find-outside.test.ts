import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { locateText } from '../../../src/city/find-place.js';
import { findRegionByName, locateByName } from '../../../src/city/find-region.js';
import { loadJakarta } from './jakarta-city.js';

const city = await loadJakarta();
const kelurahan = [...city.regions.values()].filter((r) => r.level === 'kelurahan');

/** "outside <code>" or "kelurahan <code>" / "<level> <code>" for compact expectations. */
const where = (text: string): string | null => {
  const { place, outside } = locateText(city, text);
  if (outside) return `outside ${outside.code}`;
  return place ? `${place.level} ${place.code}` : null;
};

describe('outside the city: the text names another province, regency/city or its kecamatan', () => {
  it.each([
    // a same-name Jakarta kelurahan with the region elsewhere named beside it
    ['Manggarai, Flores', 'outside 53.10'],
    ['jalan ke kampung kami di Manggarai, Flores rusak berat', 'outside 53.10'],
    ['Manggarai NTT jembatan putus', 'outside 53.10'],
    ['Palmerah Jambi lampu jalan mati', 'outside 15'],
    ['Tamansari Bandung banjir', 'outside 32.73'],
    ['Sukapura Bandung sampah menumpuk', 'outside 32.73'],
    ['Batu Ampar Batam, pelabuhan macet', 'outside 21.71.02'],
    ['Cempaka Putih, Kotawaringin Timur: jalan becek', 'outside 62.02'],
    ['Gambir, Kabupaten Indramayu, jalan desa rusak', 'outside 32.12'],
    // a province, regency or city alone, labelled or not
    ['kab. Bekasi', 'outside 32.16'],
    ['Kabupaten Bekasi', 'outside 32.16'],
    ['Pemkot Bandung tolong perbaiki jalan', 'outside 32.73'],
    ['Batam, air mati seminggu', 'outside 21.71'],
    ['NTT', 'outside 53'],
    ['Jambi', 'outside 15'],
    ['Kota Padang: trotoar rusak', 'outside 13.71'],
    ['Makassar banjir', 'outside 73.71'],
    // a kecamatan elsewhere after "Kec.", or inside a region named beside it
    ['kec. Tarumajaya banjir rob', 'outside 32.16.01'],
    ['jalan rusak di kab. bekasi, tepatnya kec. Tarumajaya', 'outside 32.16.01'],
    ['Kab. Bekasi, Cikarang Utara banjir', 'outside 32.16.09'],
    // an everyday word that is a city elsewhere, with its province
    ['Palu, Sulteng: air bersih belum mengalir', 'outside 72.71'],
    ['Medan, Sumatera Utara: jalan berlubang', 'outside 12.71'],
    // the city's own region-aliases.csv names coded `-`
    ['Bintaro sektor 9, Tangerang Selatan', 'outside 36.74'],
  ])('%s → %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it('answers with the name, level and words seen', () => {
    expect(locateText(city, 'Tamansari Bandung banjir').outside).toEqual({
      code: '32.73',
      name: 'Kota Bandung',
      level: 'kota',
      matched: 'bandung',
    });
  });

  it('offers no kelurahan for a text about elsewhere, even one of the same name after "Kel."', () => {
    expect(locateByName(city, 'Kel. Manggarai, Kabupaten Manggarai, NTT')).toMatchObject({
      kelurahan: null,
      outside: { code: '53.10' },
    });
  });
});

describe('stays in the city: a name elsewhere that says nothing about where the problem is', () => {
  it.each([
    // a bare name shared with a place of the city is the city's
    ['Gambir', 'kelurahan 31.71.01.1001'],
    ['Manggarai', 'kelurahan 31.74.01.1007'],
    ['banjir lagi di Manggarai, Tebet', 'kelurahan 31.74.01.1007'],
    ['Bali Mester, Jatinegara: tanggul retak', 'kelurahan 31.75.03.1003'],
    ['Sukabumi Utara, Kebon Jeruk', 'kelurahan 31.73.05.1002'],
    ['Lebak Bulus', 'kelurahan 31.74.06.1002'],
    // roads named after cities, travel, origin, food
    ['Jl. Raya Bogor depan pasar, Kel. Cililitan', 'kelurahan 31.75.04.1006'],
    ['bus arah bogor ngetem di kel. pasar minggu', 'kelurahan 31.74.04.1001'],
    ['banjir kiriman dari Bogor di Kampung Melayu, Jatinegara', 'kelurahan 31.75.03.1001'],
    ['warung soto lamongan di cikini, menteng buang minyak ke got', 'kelurahan 31.71.06.1003'],
    ['rumah makan padang di kel. tebet timur buang sampah', 'kelurahan 31.74.01.1001'],
    ['angkot jurusan tangerang ngetem di kedoya utara, kebon jeruk', 'kelurahan 31.73.05.1006'],
  ])('%s → %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it.each(['nasib malang, motor jatuh', 'sungai penuh sampah', 'bau bau got', 'kopi aceh buka sampai subuh'])(
    'an everyday word is no place elsewhere: %s',
    (text) => {
      expect(locateText(city, text).outside).toBeNull();
    },
  );

  it('a bare kecamatan elsewhere is not enough alone ("Tarumajaya" needs "Kec." or its regency)', () => {
    expect(locateText(city, 'Tarumajaya banjir').outside).toBeNull();
    expect(where('Tarumajaya bekasi banjir')).toBe('outside 32.16.01');
  });
});

describe('a kelurahan named with its kota or kecamatan resolves to the kelurahan', () => {
  it.each([
    ['lampu mati di kapuk jakarta barat', '31.73.01.1005'],
    ['got mampet, bungur, senen', '31.71.04.1006'],
    ['Lenteng Agung, Jakarta Selatan', '31.74.09.1004'],
    ['Rawamangun', '31.75.02.1005'],
    ['pohon tumbang di rawamangun jaktim', '31.75.02.1005'],
    ['Guntur, Setiabudi', '31.74.02.1007'],
    ['bangka mampang prapatan', '31.74.03.1002'],
  ])('%s → %s', (text, code) => {
    const match = findRegionByName(city, text);
    expect(match?.code).toBe(code);
    expect(match?.confidence).toBeGreaterThanOrEqual(0.55);
  });

  it('an everyday word far from its kota stays an everyday word', () => {
    expect(findRegionByName(city, 'pohon kapuk tumbang di jakarta barat')?.confidence ?? 0).toBeLessThan(
      0.55,
    );
  });

  it.each([
    ['Grogol, Grogol Petamburan', '31.73.02.1001'],
    ['Grogol Utara, Kebayoran Lama', '31.74.05.1004'],
    ['Kelapa Dua, Kebon Jeruk', '31.73.05.1004'],
    ['kelapa dua wetan, ciracas', '31.75.09.1003'],
    ['Kramat, Senen', '31.71.04.1004'],
    ['Kramat Pela, Kebayoran Baru', '31.74.07.1003'],
  ])('same-name kelurahan told apart by the area named beside them: %s → %s', (text, code) => {
    expect(findRegionByName(city, text)?.code).toBe(code);
  });
});

describe('properties', () => {
  const outsideKota = [...(city.elsewhere?.regions.values() ?? [])].filter((r) => r.level === 'kota');
  const words = [
    'banjir',
    'jalan rusak',
    'tolong',
    'di',
    'lampu mati',
    'sampah',
    ',',
    'dekat pasar',
    'RT 05',
  ];

  test('naming a regency or city elsewhere in full never leaves a kelurahan of the city', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kelurahan),
        fc.constantFrom(...outsideKota),
        fc.array(fc.constantFrom(...words), { maxLength: 6 }),
        fc.boolean(),
        (k, elsewhere, filler, before) => {
          const jakartaText = `Kel. ${k.name} ${filler.join(' ')}`;
          const text = before ? `${elsewhere.name}, ${jakartaText}` : `${jakartaText}, ${elsewhere.name}`;
          const { kelurahan: found, outside } = locateByName(city, text);
          expect(found).toBeNull();
          expect(outside).not.toBeNull();
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
