// Lower-case word lists, kept as text so they read as lists; split below.

/** Words of a complaint's place and matter that are also Indonesian names or parts of them. */
const NAME_AND_WORD = `
  jalan raya gang jaya baru lama kali taman pasar kebun sawah tanah batu kota desa kampung gunung laut pantai
  pulau sungai telaga tirta air bumi langit timur barat utara selatan tengah pusat besar kecil agung muda tua
  merah putih hitam hijau kuning biru emas perak besi kencana permata intan mutiara pelangi bintang bulan surya
  mentari cahaya sinar fajar senja pagi embun hujan angin bayu bunga mawar melati kenanga wangi harum sari indah
  ayu cantik bagus baik budi sehat selamat slamet untung rahayu lestari makmur sentosa abadi mulia harapan kasih
  sayang setia sabar tulus ikhlas jujur suci murni damai aman tenang merdeka karya kerja rezeki rejeki rizki
  berkah rahmat nur iman amal ilmu hikmah syukur salam akbar putra putri dewi dewa adi mas raden haji hajah
  hajjah bin binti drs tuan nyonya nona
`;

/** Frequent words of any complaint. */
const FREQUENT = `
  yang dan ini itu ada dari untuk dengan tidak sudah belum akan juga saya kami kita mereka atau pada karena
  sangat tolong mohon bapak ibu pak warga rumah depan belakang samping dekat lampu pohon sampah banjir lubang
`;

/**
 * Forms of address and introductions, comma-separated (some are two words). A full stop or comma after one is
 * matched anyway ("Bpk. Sari", "Salam, Sari": redact.ts).
 */
const CONTEXTS = `
  pak, bapak, bpk, bu, ibu, bang, abang, mas, mbak, mba, kak, kakak, dik, adik, om, tante, mpok, encang, encing,
  engkong, cak, ning, teh, kang, akang, uda, uni, koh, cik, sdr, sdri, saudara, saudari, tuan, nyonya, nona,
  haji, hajah, hj, h, yth, nama, nama saya, namaku, saya, aku, pelapor, salam, hormat saya, atas nama, a.n, an
`;

/**
 * Parts of Indonesian names that are also ordinary words of complaints ("Sari", "Indah", "Jaya", "Bagus",
 * "Raya", "Jalan"…). A reporter's name part on this list is masked on its own only where it is used as a name:
 * after a form of address or an introduction (NAME_CONTEXTS; see identityTerms in redact.ts and
 * docs/DECISIONS.md). Masking every "indah" or "raya" of a reporter called Indah Raya would hide "Jalan Raya
 * Bogor" and "kurang indah" from staff and the public; leaving it unmasked after "Bu" would name her.
 */
export const COMMON_NAME_WORDS: ReadonlySet<string> = new Set(
  `${NAME_AND_WORD} ${FREQUENT}`.split(/\s+/).filter(Boolean),
);

/**
 * How people write a name as a name: a form of address or an introduction right before it. A name part that is
 * an ordinary word is masked after one of these (together with it), never alone.
 */
export const NAME_CONTEXTS: readonly string[] = CONTEXTS.split(',')
  .map((c) => c.trim())
  .filter(Boolean);
