import { DOMAIN_TERMS } from './domain-terms.js';

/** Roots in Sastrawi's dictionary that shadow the right root of common complaint words. */
export const REMOVED_ROOTS: readonly string[] = [
  'adam', // pemadam → padam
  'agih', // penagihan → tagih
  'ain', // pemain → main
  'aji', // pengajian → kaji
  'anda', // penanda → tanda (the pronoun is a stop word anyway)
  'angan', // penanganan → tangan
  'apu', // penyapu → sapu
  'ari', // penarikan → tarik
  'asa', // terasa, perasaan → rasa
  'bel', // pembelinya → beli
  'erang', // penerangan → terang
  'ewa', // penyewa → sewa
  'hun', // penghuninya → huni
  'kam', // pengaman → aman
  'kelah', // berkelahi → kelahi
  'madam', // pemadaman → padam
  'mangkas', // pemangkasan → pangkas
  'pejal', // pejalan → jalan
  'pul', // mengepul → kepul
  'ras', // pengeras → keras
  'ring', // mengering → kering
  'sera', // berserakan → serak
  'sih', // bersihkan → bersih (the particle "sih" is a stop word anyway)
  'umpuk', // menumpuk → tumpuk
  'unda', // penundaan → tunda
  'upa', // berupa → rupa
  'uras', // pengurasan → kuras
];

/**
 * Roots missing from the dictionary, and derived words kept whole because their root would merge two
 * different complaints ("kebakaran" is a fire, "bakar sampah" is pollution; "kematian" is a death
 * certificate, "mati" a dead lamp). Inflected forms ("kebakarannya") still reduce to them.
 */
export const ADDED_ROOTS: readonly string[] = [
  'berantakan', // not "anta"
  'beritahu', // pemberitahuan, diberitahukan
  'kebakaran',
  'kematian',
  'kemis', // pengemis, mengemis
  'pemilu', // not "ilu"
  'pemulung', // not "ulung"
  'penduduk', // kependudukan → penduduk, not duduk
  'perbaik', // perbaikan, diperbaiki, memperbaiki: "repair", not "baik" (good)
  'peserta', // not "serta"
  'respon',
  ...DOMAIN_TERMS,
];

/** Words whose Sastrawi stem is still wrong or unhelpful. */
export const STEM_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['berkelahi', 'kelahi'],
  ['diperbaiki', 'perbaik'],
  ['kepemilikan', 'milik'],
  ['memaki', 'maki'],
  ['memakan', 'makan'],
  ['memperbaiki', 'perbaik'],
  ['perbaiki', 'perbaik'],
  ['perbaikin', 'perbaik'],
  ['diperbaikin', 'perbaik'],
  ['memalak', 'palak'],
  ['pemalakan', 'palak'],
  ['perusakan', 'rusak'],
  ['pengemudi', 'kemudi'],
  ['pengerasan', 'keras'],
  ['perempatan', 'simpang'],
  ['pertigaan', 'simpang'],
  ['terlantar', 'telantar'],
  ['ditindaklanjuti', 'tindaklanjut'],
  ['menindaklanjuti', 'tindaklanjut'],
  ['tindaklanjuti', 'tindaklanjut'],
]);
