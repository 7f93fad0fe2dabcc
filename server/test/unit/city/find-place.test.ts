import { describe, expect, it } from 'vitest';
import { findPlace, type PlaceMatch } from '../../../src/city/find-place.js';
import { findRegionByName } from '../../../src/city/find-region.js';
import { nameTokens } from '../../../src/city/address-tokens.js';
import { regionChain } from '../../../src/city/regions.js';
import { loadJakarta } from './jakarta-city.js';

const city = await loadJakarta();
const find = (text: string): PlaceMatch | null => findPlace(city, text);
const kelurahan = [...city.regions.values()].filter((r) => r.level === 'kelurahan');

/** The place found, as "level code" for compact expectations. */
const where = (text: string): string | null => {
  const match = find(text);
  return match ? `${match.level} ${match.code}` : null;
};

describe('findPlace: how people write names', () => {
  it.each([
    ['Kel. Cikini', 'kelurahan 31.71.06.1003'],
    ['kelurahan cikini', 'kelurahan 31.71.06.1003'],
    ['KEL.CIKINI', 'kelurahan 31.71.06.1003'],
    ['Kec. Menteng, Jakpus', 'kecamatan 31.71.06'],
    ['kecamatan menteng', 'kecamatan 31.71.06'],
    ['Jaksel', 'kota 31.74'],
    ['Jakbar', 'kota 31.73'],
    ['Jaktim', 'kota 31.75'],
    ['Jakut', 'kota 31.72'],
    ['Jakpus', 'kota 31.71'],
    ['Jkt Sel.', 'kota 31.74'],
    ['Jakarta Sel.', 'kota 31.74'],
    ['jak-sel', 'kota 31.74'],
    ['Jkt Timur', 'kota 31.75'],
    ['Kb. Kacang, Tanah Abang', 'kelurahan 31.71.07.1006'],
    ['Kel. Tj. Priok', 'kelurahan 31.72.02.1001'],
    ['Kel. Cempaka Putih Tim.', 'kelurahan 31.71.05.1001'],
    ['Kel. Ps. Baru', 'kelurahan 31.71.02.1001'],
    ['P. Tidung', 'kelurahan 31.01.02.1002'],
  ])('%s → %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it('joins and splits words freely', () => {
    expect(where('Kel. Pulogadung')).toBe('kelurahan 31.75.02.1001');
    expect(where('Kel. Kali Deres')).toBe('kelurahan 31.73.06.1001');
    expect(where('Kel. Kebonjeruk')).toBe('kelurahan 31.73.05.1001');
    expect(where('Kel. Cempakaputih Timur')).toBe('kelurahan 31.71.05.1001');
    expect(where('banjir di rawa mangun')).toBe('kelurahan 31.75.02.1005');
  });

  it('finds every kelurahan by its name after "Kel.", sure enough to route', () => {
    for (const r of kelurahan) {
      const match = find(`Kel. ${r.name}`);
      expect(match?.code, r.name).toBe(r.code);
      expect(match?.confidence, r.name).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe('findPlace: misspellings', () => {
  it.each([
    ['Kel. Cempaka Puti Timur, Jakpus', 'kelurahan 31.71.05.1001'],
    ['cempaka puti', 'kecamatan 31.71.05'],
    ['Kel. Kebun Jeruk', 'kelurahan 31.73.05.1001'],
    ['pohon tumbang di pndok labu, cilandak', 'kelurahan 31.74.06.1003'],
    ['Kel. Menteng Dalem', 'kelurahan 31.74.01.1003'],
    ['Kel. Kelapa Dua Weten', 'kelurahan 31.75.09.1003'],
    ['Kel. Rawamanggung', 'kelurahan 31.75.02.1005'],
    ['banjir di penjaringn jakut', 'kelurahan 31.72.01.1001'],
  ])('%s → %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it('counts a misspelt name as less certain than an exact one', () => {
    const exact = find('pohon tumbang di pondok labu, cilandak');
    const misspelt = find('pohon tumbang di pndok labu, cilandak');
    expect(misspelt?.code).toBe(exact?.code);
    expect(misspelt?.confidence).toBeLessThan(exact?.confidence ?? 0);
    expect(misspelt?.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('allows one edit from 6 letters and two from 10, none below 6', () => {
    expect(where('Kel. Cikiny')).toBe('kelurahan 31.71.06.1003');
    expect(find('Kel. Cekiny')).toBeNull();
    expect(where('Kel. Rawamanggung')).toBe('kelurahan 31.75.02.1005');
    expect(find('Kel. Galor')).toBeNull();
  });

  it('finds every kelurahan of 6 letters or more after "Kel." and one wrong letter', () => {
    let checked = 0;
    for (const r of kelurahan) {
      const tokens = nameTokens(r.name);
      if (tokens.join('').length < 6) continue;
      const i = Math.floor(r.name.length / 2) + (r.name[Math.floor(r.name.length / 2)] === ' ' ? 1 : 0);
      const typo = r.name.slice(0, i) + (r.name[i]?.toLowerCase() === 'a' ? 'e' : 'a') + r.name.slice(i + 1);
      expect(find(`Kel. ${typo}`)?.code, `${r.name} → ${typo}`).toBe(r.code);
      checked++;
    }
    expect(checked).toBeGreaterThan(240);
  });

  it('does not read everyday words as misspelt one-word names', () => {
    expect(find('gambar terlampir, genteng sekolah bocor')).toBeNull(); // Gambir, Menteng
    expect(find('air sedang mati, muncul bau dari gedung')).toBeNull(); // Serdang, Munjul, Gedong
    expect(find('polisi gadungan minta uang')).toBeNull(); // Pegadungan
  });
});

describe('findPlace: landmarks', () => {
  it.each([
    ['parkir liar depan Monas', 'kelurahan 31.71.01.1001'],
    ['Sampah menumpuk dekat Stasiun Manggarai', 'kelurahan 31.74.01.1007'],
    ['lampu mati di St. Manggarai', 'kelurahan 31.74.01.1007'],
    ['PKL di trotoar Blok M', 'kelurahan 31.74.07.1001'],
    ['pengamen di Kota Tua', 'kelurahan 31.73.03.1008'],
    ['banjir depan Mall Taman Anggrek', 'kelurahan 31.73.02.1005'],
    ['antre di RS Fatmawati', 'kelurahan 31.74.06.1001'],
    ['antre di Rumah Sakit Fatmawati', 'kelurahan 31.74.06.1001'],
    ['macet di Pantai Indah Kapuk', 'kecamatan 31.72.01'],
  ])('%s → %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it('finds every landmark of landmarks.csv by its name, sure enough to route', () => {
    expect(city.landmarks.length).toBeGreaterThanOrEqual(60);
    for (const landmark of city.landmarks) {
      const match = find(`dekat ${landmark.name}`);
      expect(match?.code, landmark.name).toBe(landmark.code);
      if (match?.level === 'kelurahan') expect(match.confidence).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe('findPlace: levels and ambiguity', () => {
  it('answers a kecamatan or kota mentioned alone at that level, less sure than a kelurahan', () => {
    const kecamatan = find('Kec. Tebet, Jakarta Selatan');
    expect(kecamatan).toMatchObject({ level: 'kecamatan', code: '31.74.01', name: 'Tebet' });
    expect(kecamatan?.confidence).toBeLessThan(0.6);
    const kota = find('jalan rusak di wilayah Jakarta Utara');
    expect(kota).toMatchObject({ level: 'kota', code: '31.72' });
    expect(kota?.confidence).toBeLessThan(kecamatan?.confidence ?? 0);
    expect(findRegionByName(city, 'Kec. Tebet, Jakarta Selatan')).toBeNull();
  });

  it('has no kelurahan name twice in Jakarta: ambiguity comes from shared stems and kecamatan names', () => {
    expect(new Set(kelurahan.map((r) => r.name)).size).toBe(kelurahan.length);
  });

  it('resolves a stem shared by kelurahan in different kecamatan through the kecamatan named', () => {
    expect(where('Cipete, Cilandak')).toBe('kelurahan 31.74.06.1005'); // Cipete Selatan
    expect(where('Cipete, Kebayoran Baru')).toBe('kelurahan 31.74.07.1010'); // Cipete Utara
    expect(where('Kelapa Dua, Ciracas')).toBe('kelurahan 31.75.09.1003'); // Kelapa Dua Wetan
    expect(where('Kelapa Dua, Kebon Jeruk')).toBe('kelurahan 31.73.05.1004');
    expect(where('Grogol, Jakbar')).toBe('kelurahan 31.73.02.1001');
  });

  it('offers the kecamatan when only a shared stem is known, with the kelurahan as alternatives', () => {
    const match = find('Grogol, Kebayoran Lama');
    expect(match).toMatchObject({ level: 'kecamatan', code: '31.74.05' });
    expect(match?.alternatives.slice(0, 2).map((a) => a.name)).toEqual(['Grogol Utara', 'Grogol Selatan']);
    const kota = find('macet di Kuningan');
    expect(kota).toMatchObject({ level: 'kota', code: '31.74' });
    expect(kota?.alternatives.map((a) => a.name)).toEqual(['Kuningan Timur', 'Kuningan Barat']);
  });

  it('reads an everyday-word kelurahan written next to its kecamatan as the kelurahan (issue 11)', () => {
    const match = find('di Bangka, Mampang Prapatan, Jaksel');
    expect(match).toMatchObject({ level: 'kelurahan', code: '31.74.03.1002' });
    expect(where('pohon bangka di mampang prapatan')).toBe('kecamatan 31.74.03');
    expect(where('Kel. Bangka, Mampang Prapatan')).toBe('kelurahan 31.74.03.1002');
    expect(findRegionByName(city, 'rumah baru di Pasar Rebo')?.confidence ?? 0).toBeLessThan(0.6);
  });

  it('tells the kelurahan Jatinegara (Cakung) from the kecamatan Jatinegara', () => {
    expect(where('Kel. Jatinegara, Kec. Cakung')).toBe('kelurahan 31.75.06.1001');
    expect(where('Kec. Jatinegara, Jaktim')).toBe('kecamatan 31.75.03');
  });

  it('lists at most three alternatives, never a region that contains the answer', () => {
    for (const text of [
      'Grogol, Kebayoran Lama',
      'Kel. Cikini, Kec. Menteng, Jakpus',
      'Duri, Tambora',
      'Tebet',
    ]) {
      const match = find(text);
      expect(match, text).not.toBeNull();
      const containing = new Set(regionChain(city, match?.code ?? '').map((r) => r.code));
      expect(match?.alternatives.length).toBeLessThanOrEqual(3);
      for (const alternative of match?.alternatives ?? [])
        expect(containing.has(alternative.code)).toBe(false);
    }
  });
});

describe('findPlace: no place', () => {
  it.each([
    '',
    '  ,,, ',
    'air PAM mati sudah 3 hari, mohon bantuan',
    'pohon rambutan tumbang menimpa rumah',
    'tangki air bocor di belakang rumah',
    'jalan berlubang di Jl. Raya Bogor',
    'Jakarta',
    'Bintaro Sektor 9, Tangerang Selatan',
    'Kelapa Dua, Kab. Tangerang, Banten',
  ])('%j → null', (text) => {
    expect(find(text)).toBeNull();
  });
});
