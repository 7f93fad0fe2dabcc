/**
 * Indonesian words around place names in complaint texts (language, not city data): the labels people put
 * before a region, street words, and the abbreviations they use inside names.
 */

export const KELURAHAN_WORDS = new Set(['kel', 'kelurahan', 'kelurhan', 'kelrahan', 'lurah', 'desa', 'ds']);
export const KECAMATAN_WORDS = new Set(['kec', 'kecamatan', 'kecamatn', 'kcm', 'kcmtn', 'camat']);
export const KOTA_WORDS = new Set(['kota', 'kotamadya', 'kab', 'kabupaten', 'wilayah', 'pemkot', 'pemkab']);
export const PROVINCE_WORDS = new Set(['prov', 'provinsi', 'propinsi', 'pemprov']);
/** Labels naming a government rather than a place: "lapor ke Pemkot Bandung" is about Bandung all the same. */
export const GOVERNMENT_WORDS = new Set(['pemkot', 'pemkab', 'pemprov', 'pemda']);

/**
 * Words after which a region's name says where something comes from or goes to, or what kind of thing it is,
 * not where the problem is: "arah Bekasi", "KRL Bogor", "dari Bogor", "soto Lamongan", "rumah makan Padang",
 * "orang Padang", "perbatasan Depok".
 */
export const NOT_HERE_WORDS = new Set([
  'ke',
  'dari',
  'arah',
  'menuju',
  'jurusan',
  'tujuan',
  'asal',
  'via',
  'tol',
  'krl',
  'kereta',
  'bus',
  'bis',
  'travel',
  'mudik',
  'perbatasan',
  'plat',
  'orang',
  'suku',
  'bahasa',
  'logat',
  'khas',
  'soto',
  'sate',
  'bakso',
  'nasi',
  'mie',
  'mi',
  'bakmi',
  'makan',
  'rm',
  'warung',
  'martabak',
  'pempek',
  'empek',
  'gudeg',
  'coto',
  'pecel',
  'ayam',
  'kopi',
  'tahu',
  'batik',
]);
export const STREET_WORDS = new Set(['jl', 'jln', 'jalan', 'gg', 'gang']);

/** Words that end a street name: "Jl. Kebon Sirih no 5", "jalan rusak dekat Pasar Minggu". */
export const STREET_BREAK_WORDS = new Set([
  'no',
  'nomor',
  'nmr',
  'rt',
  'rw',
  'blok',
  'di',
  'dekat',
  'depan',
  'belakang',
  'samping',
  'seberang',
  'sebelah',
  'arah',
  'menuju',
  'ke',
  'dari',
  'dan',
  'yang',
  'sudah',
  'belum',
  'tidak',
  'sangat',
  'mohon',
]);

/**
 * Kelurahan names that are also everyday words ("pohon rambutan", "tangki air", "gedung baru"); alone they
 * count only after "Kel.".
 */
export const COMMON_WORDS = new Set([
  'baru',
  'tengah',
  'gunung',
  'pulo',
  'jati',
  'dukuh',
  'gedong',
  'setu',
  'kartini',
  'tangki',
  'karet',
  'rambutan',
  'kenari',
  'bungur',
  'guntur',
  'gelora',
  'kapuk',
  'bangka',
  'tugu',
]);

/**
 * Names of regencies and cities elsewhere in Indonesia that are also everyday words or phrases ("nasib
 * malang", "batu bara", "sungai penuh sampah", "bau-bau"); alone they do not say a text is about that place,
 * only with a label ("Kota Malang") or a region around them ("Palu, Sulteng").
 */
export const EVERYDAY_PLACE_NAMES = new Set([
  'padang',
  'malang',
  'batu',
  'banjar',
  'bone',
  'serang',
  'palu',
  'metro',
  'medan',
  'batang',
  'sorong',
  'landak',
  'puncak',
  'lebak',
  'tegal',
  'pati',
  'kudus',
  'buru',
  'ketapang',
  'bima',
  'kota baru',
  'batu bara',
  'tebing tinggi',
  'sungai penuh',
  'bau bau',
  'gunung mas',
  'pulang pisau',
  'tanah laut',
  'pagar alam',
  'empat lawang',
  'lima puluh kota',
  'pesisir barat',
  'pesisir selatan',
  'tanah datar',
]);

/**
 * Short forms used inside names ("Kb. Jeruk", "Tj. Priok", "Cempaka Putih Tim.", "Jkt Sel."). Each name is
 * also indexed with these substituted, so they match exactly.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  utara: ['ut', 'utr'],
  selatan: ['sel', 'slt', 'sltn'],
  timur: ['tim', 'tmr'],
  barat: ['bar', 'brt'],
  jakarta: ['jkt', 'jak'],
  kabupaten: ['kab'],
  kampung: ['kp', 'kmp'],
  tanjung: ['tj', 'tg'],
  kebon: ['kb'],
  kebayoran: ['keb', 'kby'],
  pondok: ['pd', 'pdk'],
  pasar: ['ps', 'psr'],
  gunung: ['gn', 'gng'],
  pulau: ['p', 'pl'],
  kelapa: ['klp'],
  kepulauan: ['kep'],
  mal: ['mall'],
  mall: ['mal'],
  stasiun: ['st', 'stasion'],
  universitas: ['univ'],
  masjid: ['mesjid'],
  rs: ['rumah sakit'],
};

/** Trailing words that split one area into parts; "Cipete" alone means Cipete Utara or Cipete Selatan. */
export const DIRECTION_WORDS = new Set(['utara', 'selatan', 'timur', 'barat', 'wetan']);

/** Words that never take part in a misspelt place name, so fuzzy matching skips spans containing them. */
export const FUZZY_STOP_WORDS = new Set([
  ...STREET_BREAK_WORDS,
  ...KELURAHAN_WORDS,
  ...KECAMATAN_WORDS,
  ...KOTA_WORDS,
  ...STREET_WORDS,
  'ada',
  'ini',
  'itu',
  'akan',
  'atau',
  'dengan',
  'untuk',
  'pada',
  'saya',
  'kami',
  'warga',
  'sudah',
  'karena',
  'tolong',
  'segera',
  'sekitar',
  'daerah',
  'lokasi',
  'alamat',
  'raya',
  'gedung',
  'gambar',
  'sedang',
  'muncul',
]);
