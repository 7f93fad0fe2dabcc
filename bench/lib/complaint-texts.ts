import type { City, Region } from '../../server/src/city/city-types.js';
import { pick } from '../../server/src/domain/random.js';

/** A generated complaint and the region (kelurahan or kecamatan) it was written about; null = no place. */
export interface ComplaintText {
  text: string;
  expected: string | null;
}

const COMPLAINTS = [
  'Jalan rusak dan berlubang cukup dalam, sudah banyak pengendara motor yang jatuh',
  'Sampah menumpuk sudah seminggu tidak diangkut, baunya menyengat sampai ke rumah warga',
  'Banjir setinggi lutut sejak semalam karena saluran air tersumbat',
  'Lampu penerangan jalan mati sudah tiga malam, jalan gelap dan rawan kejahatan',
  'Pohon besar tumbang menutup sebagian jalan, belum ada petugas yang datang',
  'Parkir liar di trotoar membuat macet setiap sore',
  'Pedagang kaki lima berjualan di atas trotoar sehingga pejalan kaki turun ke jalan',
  'Air PAM tidak mengalir sejak kemarin pagi',
  'Kabel listrik menjuntai rendah, berbahaya untuk anak-anak yang lewat',
  'Got mampet dan airnya meluap ke jalan setiap hujan',
  'Suara musik keras sampai tengah malam mengganggu warga',
  'Ada pungutan liar saat mengurus surat pengantar',
];
const STREETS = [
  'Jl. Melati',
  'Jl. Mawar Raya',
  'Gg. Masjid',
  'Jl. H. Naman',
  'Jl. Swadaya',
  'Jl. Kenanga II',
];
const KOTA_SHORT: Record<string, string> = {
  '31.01': 'Kep. Seribu',
  '31.71': 'Jakpus',
  '31.72': 'Jakut',
  '31.73': 'Jakbar',
  '31.74': 'Jaksel',
  '31.75': 'Jaktim',
};

/** One wrong letter in the middle of the name (a vowel swapped), as people mistype. */
function typo(name: string): string {
  const i = Math.floor(name.length / 2) + (name[Math.floor(name.length / 2)] === ' ' ? 1 : 0);
  return name.slice(0, i) + (name[i]?.toLowerCase() === 'a' ? 'e' : 'a') + name.slice(i + 1);
}

/**
 * Complaint texts as citizens write them, each with where it should be located: full addresses, bare
 * kelurahan names, lower-case run-on text, landmarks, misspelt names, a kecamatan only, or no place at all.
 */
export function complaintTexts(city: City, count: number, random: () => number): ComplaintText[] {
  const regions = [...city.regions.values()];
  const kelurahan = regions.filter((r) => r.level === 'kelurahan' && r.name.replace(/ /g, '').length >= 6);
  const parent = (r: Region) => city.regions.get(r.parentCode ?? '') as Region;
  const texts: ComplaintText[] = [];
  for (let n = 0; n < count; n++) {
    const complaint = pick(random, COMPLAINTS);
    const kel = pick(random, kelurahan);
    const kec = parent(kel);
    const kota = parent(kec);
    const short = KOTA_SHORT[kota.code] ?? kota.name;
    const number = 1 + Math.floor(random() * 120);
    const rt = String(1 + Math.floor(random() * 15)).padStart(2, '0');
    const form = Math.floor(random() * 7);
    if (form === 0) {
      const street = pick(random, STREETS);
      texts.push({
        text: `${complaint}. Lokasi: ${street} No. ${number}, RT ${rt}/RW 04, Kel. ${kel.name}, Kec. ${kec.name}, ${kota.name}.`,
        expected: kel.code,
      });
    } else if (form === 1) {
      texts.push({ text: `${complaint} di ${kel.name}, ${kec.name}, ${short}`, expected: kel.code });
    } else if (form === 2) {
      texts.push({ text: `${complaint} di kel ${kel.name} ${short}`.toLowerCase(), expected: kel.code });
    } else if (form === 3) {
      const landmark = pick(random, city.landmarks);
      texts.push({
        text: `${complaint}, dekat ${landmark.name}. Mohon segera ditindak.`,
        expected: landmark.code,
      });
    } else if (form === 4) {
      texts.push({ text: `${complaint} di Kel. ${typo(kel.name)}, ${short}`, expected: kel.code });
    } else if (form === 5) {
      texts.push({ text: `${complaint}, wilayah Kec. ${kec.name}. Terima kasih.`, expected: kec.code });
    } else {
      texts.push({ text: `${complaint}. Mohon bantuannya, sudah lapor berkali-kali.`, expected: null });
    }
  }
  return texts;
}
