import { describe, expect, it, test } from 'vitest';

import { identityTerms, REDACTION_MARKER, redactTerms, redactText } from '../../../src/domain/redact.js';

const X = REDACTION_MARKER;

describe('redactText: phone numbers', () => {
  it.each([
    ['Hubungi saya di 0812-3456-7890 ya', `Hubungi saya di ${X} ya`],
    ['Nomor saya +62 812-3456-7890, tolong ditindak', `Nomor saya ${X}, tolong ditindak`],
    ['WA: 0812 3456 7890.', `WA: ${X}.`],
    ['hp 08123456789 (aktif)', `hp ${X} (aktif)`],
    ['HP08123456789', `HP${X}`],
    ['nomor 6281234567890 bisa dihubungi', `nomor ${X} bisa dihubungi`],
    ['62 812 3456 7890', X],
    ['chat wa.me/6281234567890 saja', `chat wa.me/${X} saja`],
    ['(0812) 3456-7890 atau 0812.3456.7890', `${X} atau ${X}`],
    ['+62(812)34567890 dan (+62) 812 3456 7890', `${X} dan ${X}`],
    ['0811 123 456', X],
    ['0812 34 56 78 90', X],
    ['08 1234 5678 dan 0 812 3456 7890', `${X} dan ${X}`],
    ['+62 81 2345 6789', X],
  ])('mobile: %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['Kantor lurah (021) 6344766 tidak menjawab', `Kantor lurah ${X} tidak menjawab`],
    ['telp 021-6344766', `telp ${X}`],
    ['telepon 021 634 4766 atau 0216344766', `telepon ${X} atau ${X}`],
    ['+62 21 6344766 / +6221-634-4766 / +62 (21) 6344766', `${X} / ${X} / ${X}`],
    ['Toko di Yogya (0274) 512345', `Toko di Yogya ${X}`],
    ['kantor (021) 2922 1000', `kantor ${X}`],
  ])('landline: %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('takes only the phone out of a longer row of numbers', () => {
    expect(redactText('hubungi 0812 3456 7890 2024 lalu')).toBe(`hubungi ${X} 2024 lalu`);
    expect(redactText('Sejak 2024. 0812-3456-7890 tidak aktif')).toBe(`Sejak 2024. ${X} tidak aktif`);
    expect(redactText('0812-3456-7890 - 0813-1111-2222')).toBe(`${X} - ${X}`);
    expect(redactText('Sudah bayar Rp 50.000 0812-3456-7890')).toBe(`Sudah bayar Rp 50.000 ${X}`);
  });
});

describe('redactText: e-mail addresses', () => {
  it.each([
    ['kirim ke budi.santoso+crm@gmail.co.id.', `kirim ke ${X}.`],
    ['Email: SITI_AMINAH99@Yahoo.com', `Email: ${X}`],
    ['<ani-w@kantor-lurah.jakarta.go.id>', `<${X}>`],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe('redactText: NIK-like numbers', () => {
  it.each([
    ['NIK saya 3171012301900001', `NIK saya ${X}`],
    ['NIK 3171 0123 0190 0001 mohon dirahasiakan', `NIK ${X} mohon dirahasiakan`],
    ['NIK: 31.71.01.230190.0001', `NIK: ${X}`],
    ['3171-0123-0190-0001', X],
    ['NIK3171012301900001', `NIK${X}`],
    ['NIK 317101 630190 0002 (istri)', `NIK ${X} (istri)`],
    ['No KK 3171010101200003', `No KK ${X}`],
    ['NIK 3171012301900001 2024', `NIK ${X} 2024`],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves 15- and 17-digit numbers alone', () => {
    expect(redactText('nomor 317101230190001 dan 31710123019000011')).toBe(
      'nomor 317101230190001 dan 31710123019000011',
    );
  });
});

describe('redactText: a whole report', () => {
  it('removes every identifier and keeps the complaint', () => {
    const report =
      'Saya Budi (0812-3456-7890, budi@mail.com), NIK 3171012301900001. Mobil B 1234 XYZ parkir liar di ' +
      'depan rumah No. 12, RT 05/RW 03, sejak 2023. Tiket JK2503050007 belum selesai.';
    expect(redactText(report)).toBe(
      `Saya Budi (${X}, ${X}), NIK ${X}. Mobil B 1234 XYZ parkir liar di ` +
        'depan rumah No. 12, RT 05/RW 03, sejak 2023. Tiket JK2503050007 belum selesai.',
    );
  });
});

describe('redactText: ordinary numbers stay', () => {
  it.each([
    'Jalan rusak di depan rumah No. 12, RT 05/RW 03, Kel. Gambir.',
    'RT 005 RW 003 Kelurahan Cempaka Putih, RW.011',
    'Sudah sejak tahun 2023, biaya perbaikan Rp50.000 per meter.',
    'Pungli Rp 1.250.000,- sudah dibayar ke oknum',
    'anggaran Rp 62.812.345.678 tidak jelas',
    'Pada tanggal 05-03-2025 pukul 08.30 WIB banjir setinggi 50 cm',
    'kejadian 08-12-2024 12.30 di Jl. Sudirman Kav. 52-53',
    'jam operasional 08.00-16.00 2024 2025',
    'jadwal 08 12 2024 12 30 sampai 0812 12 30',
    'Mobil B 1234 XYZ dan motor B 3456 KJT parkir liar',
    'Tiket JK2503050007 dan JK25030510000 belum selesai',
    'kode pos 10110, koordinat -6.2088, 106.8456',
    'Banjir terjadi tahun 2019 2020 2021 2022 berturut-turut',
    'tanggal 05032025 lampu mati',
    'Lebar jalan 3.5 m, panjang 120 m, 2 lubang',
    'Hubungi call center 112 atau 1500-164',
    'Gedung lantai 021 ruang 3',
  ])('%s', (input) => {
    expect(redactText(input)).toBe(input);
  });
});

describe('redactText: extra terms', () => {
  it('matches names case-insensitively and across spacing', () => {
    expect(redactText('Pak budi  santoso melapor', { extraTerms: ['Budi Santoso'] })).toBe(
      `Pak ${X} melapor`,
    );
    expect(redactText('BUDI\nSANTOSO', { extraTerms: ['Budi Santoso'] })).toBe(X);
  });

  it('matches whole words only', () => {
    expect(redactText('Bu Ani membeli manisan di Jl. Anita', { extraTerms: ['Ani'] })).toBe(
      `Bu ${X} membeli manisan di Jl. Anita`,
    );
  });

  it('prefers the longest term', () => {
    expect(redactText('Budi Santoso dan Budi', { extraTerms: ['Budi', 'Budi Santoso'] })).toBe(
      `${X} dan ${X}`,
    );
  });

  it('matches a phone term however it is written', () => {
    const extraTerms = ['0812-3456-7890'];
    expect(redactText('telepon 812 3456 7890 ya', { extraTerms })).toBe(`telepon ${X} ya`);
    expect(redactText('0 8 1 2 3 4 5 6 7 8 9 0', { extraTerms })).toBe(X);
    expect(redactText('+62 (812) 3456.7890', { extraTerms })).toBe(X);
    // A longer number that merely contains the digits stays.
    expect(redactText('ref 908123456789012', { extraTerms })).toBe('ref 908123456789012');
  });

  it('matches a phone term given with the country code', () => {
    expect(redactText('hubungi 0812 3456 7890', { extraTerms: ['+6281234567890'] })).toBe(`hubungi ${X}`);
  });

  it('matches handles and e-mails with special characters', () => {
    expect(redactText('akun @Budi_Jkt dan (budi.s) ok', { extraTerms: ['@budi_jkt', '(budi.s)'] })).toBe(
      `akun ${X} dan ${X} ok`,
    );
  });

  it('ignores empty and one-character terms', () => {
    const text = 'Ada 2 lubang di jalan a';
    expect(redactText(text, { extraTerms: ['', '   ', 'a', '2', '.'] })).toBe(text);
  });

  it('does not change text without anything to hide', () => {
    expect(redactText('')).toBe('');
    expect(redactText('Lampu jalan mati', { extraTerms: [] })).toBe('Lampu jalan mati');
  });
});

describe('identityTerms and redactTerms', () => {
  test('a name gives its parts of three letters or more, so a first name or surname alone is masked', () => {
    const terms = identityTerms({ name: 'Siti Aminah', phone: '0812 1111 2222', email: null, nik: '' });
    expect(terms).toEqual(['Siti Aminah', 'Siti', 'Aminah', '0812 1111 2222']);
    expect(redactText('Bu Aminah dan Siti melapor', { extraTerms: terms })).toBe(
      'Bu [disamarkan] dan [disamarkan] melapor',
    );
    expect(identityTerms({ name: 'Al Ba', phone: null })).toEqual(['Al Ba']);
    expect(identityTerms({ name: '  Wulan  ' })).toEqual(['Wulan']);
  });

  test('a name part that is an ordinary word is masked only where it is used as a name', () => {
    const terms = identityTerms({ name: 'Sari Indah Wulandari' });
    const mask = (text: string) => redactText(text, { extraTerms: terms });
    expect(mask('Jual sari buah di trotoar, taman kurang indah. Pelapor: Wulandari')).toBe(
      'Jual sari buah di trotoar, taman kurang indah. Pelapor: [disamarkan]',
    );
    expect(mask('Bu Sari melapor; salam, Indah. Bpk. Indah tahu; nama saya Sari')).toBe(
      '[disamarkan] melapor; [disamarkan]. [disamarkan] tahu; [disamarkan]',
    );
    expect(mask('SARI INDAH WULANDARI, sari indah; indah wulandari')).toBe(
      '[disamarkan], [disamarkan]; [disamarkan]',
    );
    // a one-word name is the whole name: masked wherever it stands
    expect(redactText('sari buah, Bu Sari', { extraTerms: identityTerms({ name: 'Sari' }) })).toBe(
      '[disamarkan] buah, Bu [disamarkan]',
    );
  });

  test('redactTerms masks only the given terms, never other numbers', () => {
    expect(redactTerms('Posko 0813-4455-6677; pelapor 0812 1111 2222', ['0812 1111 2222'])).toBe(
      'Posko 0813-4455-6677; pelapor [disamarkan]',
    );
    expect(redactTerms('tanpa istilah', [])).toBe('tanpa istilah');
  });
});
