import { describe, expect, it } from 'vitest';
import { findRegionByName } from '../../../src/city/find-region.js';
import { loadJakarta } from './jakarta-city.js';

const find = async (text: string) => findRegionByName(await loadJakarta(), text);

describe('findRegionByName', () => {
  it('is sure of a full address with Kel., Kec. and kota', async () => {
    const match = await find('Jl. Cikini Raya No. 73, Kel. Cikini, Kec. Menteng, Jakarta Pusat 10330');
    expect(match).toMatchObject({ code: '31.71.06.1003', name: 'Cikini', matched: 'cikini' });
    expect(match?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('handles abbreviations, missing spaces and punctuation', async () => {
    expect(await find('Kel.Kebon Kacang,Kec.Tanah Abang,Kota Adm. Jakarta Pusat')).toMatchObject({
      code: '31.71.07.1006',
    });
    expect(await find('KELURAHAN PULOGADUNG KECAMATAN PULOGADUNG JAKTIM')).toMatchObject({
      code: '31.75.02.1001',
    });
    expect(await find('Kel. Kramatjati, Kec. Kramat Jati')).toMatchObject({ code: '31.75.04.1001' });
    expect(await find('Kel. Grogol Utara, Kebayoran Lama, Jaksel')).toMatchObject({ code: '31.74.05.1004' });
  });

  it('trusts an unlabelled kelurahan confirmed by its kecamatan and kota', async () => {
    const match = await find('Jl. Pemuda No. 10, Rawamangun, Pulo Gadung, Jakarta Timur');
    expect(match).toMatchObject({ code: '31.75.02.1005' });
    expect(match?.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('does not take a street name for the kelurahan', async () => {
    const match = await find('Jl. Kebon Sirih No. 22, Gondangdia, Menteng, Jakarta Pusat');
    expect(match).toMatchObject({ code: '31.71.06.1004', name: 'Gondangdia' });
  });

  it('prefers the longest name ("Menteng Dalam" over "Menteng", "Kelapa Dua Wetan" over "Kelapa Dua")', async () => {
    expect(await find('Kel. Menteng Dalam, Kec. Tebet')).toMatchObject({ code: '31.74.01.1003' });
    expect(await find('Perumahan Kelapa Dua Wetan, Ciracas, Jaktim')).toMatchObject({
      code: '31.75.09.1003',
    });
  });

  it('reads the everyday-word kelurahan "Baru" only when labelled', async () => {
    expect(await find('RT 05/RW 03, Kel. Baru, Kec. Pasar Rebo')).toMatchObject({ code: '31.75.05.1002' });
    expect(await find('rumah baru saya dekat pasar')).toBeNull();
  });

  it('is unsure when the name is also a kecamatan or the parts disagree', async () => {
    const shared = await find('Kemayoran, Jakarta Pusat');
    expect(shared?.code).toBe('31.71.03.1001');
    expect(shared?.confidence).toBeLessThan(0.6);
    const conflict = await find('Kel. Cempaka Putih Timur, Kec. Tebet');
    expect(conflict?.confidence).toBeLessThan(0.6);
    const two = await find('Kebon Kacang, Kebon Melati, Tanah Abang');
    expect(two?.confidence).toBeLessThan(0.6);
  });

  it('returns null without a kelurahan name, or for a place outside Jakarta', async () => {
    expect(await find('Kec. Tebet, Jakarta Selatan')).toBeNull();
    expect(await find('Jakarta Selatan')).toBeNull();
    expect(await find('Jl. Gunung Sahari Raya No. 5, Jakarta Pusat')).toBeNull();
    expect(await find('Kelapa Dua, Kab. Tangerang, Banten')).toBeNull();
    expect(await find('Bintaro Sektor 9, Tangerang Selatan')).toBeNull();
    expect(await find('')).toBeNull();
    expect(await find('   ,,, ')).toBeNull();
  });

  it('finds kelurahan in Kepulauan Seribu and through aliases', async () => {
    expect(await find('Pulau Tidung, Kep. Seribu')).toMatchObject({ code: '31.01.02.1002' });
    expect(await find('dekat Bandara Halim, Kec. Makasar')).toMatchObject({ code: '31.75.08.1004' });
  });
});
