/** Short, realistic complaint texts per category for demo data (written for Sigap; informal registers on purpose). */
export const DEMO_TEXTS: Record<string, string[]> = {
  jalan: [
    'Jalan berlubang cukup dalam di depan gang, sudah ada motor jatuh',
    'jln rusak parah bgt, aspal mengelupas sepanjang 20 meter',
    'Mohon perbaikan jalan retak dekat halte',
  ],
  trotoar: [
    'Trotoar ambles dan keramiknya lepas, bahaya buat pejalan kaki',
    'trotoar dipakai parkir motor terus, pejalan kaki turun ke jalan',
  ],
  penerangan_jalan: [
    'Lampu PJU mati sudah seminggu, jalan gelap sekali malam hari',
    'lampu jalan kedip2 terus di tikungan',
  ],
  pohon: [
    'Pohon besar miring hampir tumbang ke arah kabel listrik',
    'Dahan pohon patah menutup sebagian jalan, mohon dipangkas',
  ],
  taman: ['Ayunan di RPTRA rusak, anak-anak bisa celaka', 'Taman kotor dan lampunya mati semua'],
  sampah: [
    'Sampah menumpuk di pinggir kali sudah 3 hari belum diangkut',
    'tps liar di ujung gang bau banget',
  ],
  pencemaran: [
    'Asap pembakaran sampah tiap sore bikin sesak napas',
    'Air kali berwarna hitam dan bau limbah pabrik',
  ],
  banjir: [
    'Genangan setinggi lutut setelah hujan 1 jam, tidak surut',
    'banjir lagi di jalan depan sekolah, mobil mogok',
  ],
  saluran_air: [
    'Saluran air mampet penuh lumpur, air meluap ke jalan',
    'Tutup got hilang, lubangnya dalam, bahaya',
  ],
  air_bersih: ['Air PAM tidak mengalir sejak kemarin pagi', 'air keruh dan berbau dari keran PAM'],
  listrik: ['Kabel listrik menjuntai rendah di atas jalan', 'Tiang listrik miring setelah ditabrak truk'],
  jaringan_komunikasi: [
    'Kabel fiber optik semrawut menggantung di tiang',
    'JakWiFi di taman tidak bisa dipakai',
  ],
  parkir_liar: [
    'Parkir liar di bahu jalan bikin macet tiap sore',
    'mobil parkir di trotoar depan minimarket setiap hari',
  ],
  lalu_lintas: [
    'Lampu lalu lintas di perempatan mati, lalu lintas semrawut',
    'Rambu dilarang berhenti tertutup pohon',
  ],
  transportasi_publik: ['Halte rusak atapnya bocor', 'JPO licin dan lantainya berlubang'],
  pkl: ['PKL berjualan di trotoar sampai menutup jalan', 'pedagang kaki lima mangkal di depan stasiun'],
  ketertiban: ['Suara musik keras dari kafe sampai jam 2 pagi', 'Balap liar tiap malam minggu di jalan raya'],
  pelanggaran_perda: [
    'Reklame liar ditempel di tiang dan pohon',
    'Orang merokok di dalam area KDM puskesmas',
  ],
  bangunan: ['Bangunan tanpa izin menutup saluran air', 'Renovasi rumah memakan badan jalan'],
  fasum: ['Fasilitas umum toilet di taman rusak dan kotor', 'Bangku di halte hilang'],
  kesehatan: [
    'Banyak jentik nyamuk, tetangga kena DBD, mohon fogging',
    'Antrean puskesmas sangat panjang dan tidak teratur',
  ],
  pendidikan: ['Dana KJP belum cair padahal sudah dijadwalkan', 'Atap kelas sekolah negeri bocor'],
  sosial: ['Ada ODGJ tidur di halte, butuh penanganan', 'Pengemis anak-anak di lampu merah'],
  kependudukan: ['KTP-el belum jadi sudah 3 bulan', 'Pengurusan akta kelahiran dipersulit'],
  pajak: ['Tagihan PBB tidak sesuai dengan luas tanah', 'Tidak bisa bayar PKB online, sistem error'],
  kebakaran: [
    'Ada sarang tawon besar di pohon depan rumah',
    'Ular masuk ke rumah warga, mohon bantuan damkar',
  ],
  pungli: [
    'Ada pungutan liar saat mengurus surat di kelurahan',
    'Oknum minta uang parkir tanpa karcis resmi',
  ],
  perumahan: ['Lift rusun mati sudah seminggu', 'Atap rusun bocor di lantai paling atas'],
  umkm: ['Pasar becek dan los pedagang rusak', 'Harga minyak goreng di pasar tidak wajar'],
  lainnya: ['Mohon informasi jadwal pelayanan kelurahan', 'Ada kegiatan mencurigakan di rumah kosong'],
};

export const DEMO_CHANNELS = [
  'jaki',
  'jaki',
  'jaki',
  'jaki',
  'jaki',
  'jaki',
  'jaki',
  'twitter',
  'email',
  'sms',
  'web',
  'facebook',
  'lapor',
];
