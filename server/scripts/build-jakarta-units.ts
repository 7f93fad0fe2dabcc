// Builds data/jakarta/units.csv (the offices that receive reports) from data/jakarta/regions.csv and the
// sector table below, so the file can be regenerated after a reorganisation instead of edited by hand.
//
//   npx tsx server/scripts/build-jakarta-units.ts            # regions.csv -> units.csv
//   npx tsx server/scripts/build-jakarta-units.ts --regions  # first re-extract regions.csv from idn-area-data
//
// units.csv is the data the app reads; this script only documents how it was made.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';

const PROVINCE_CODE = '31';
const CITY_DIR = fileURLToPath(new URL('../../data/jakarta/', import.meta.url));

interface Sector {
  sector: string;
  dinas: string;
}

// One Dinas per sector at province level and one Suku Dinas per sector in every kota/kabupaten.
// The sector codes are the ones used by categories.csv and routing.csv.
const SECTORS: Sector[] = [
  { sector: 'bina-marga', dinas: 'Dinas Bina Marga' },
  { sector: 'pertamanan', dinas: 'Dinas Pertamanan dan Hutan Kota' },
  { sector: 'lingkungan-hidup', dinas: 'Dinas Lingkungan Hidup' },
  { sector: 'sda', dinas: 'Dinas Sumber Daya Air' },
  { sector: 'kominfotik', dinas: 'Dinas Komunikasi, Informatika dan Statistik' },
  { sector: 'perhubungan', dinas: 'Dinas Perhubungan' },
  { sector: 'citata', dinas: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan' },
  { sector: 'kesehatan', dinas: 'Dinas Kesehatan' },
  { sector: 'pendidikan', dinas: 'Dinas Pendidikan' },
  { sector: 'sosial', dinas: 'Dinas Sosial' },
  { sector: 'dukcapil', dinas: 'Dinas Kependudukan dan Pencatatan Sipil' },
  { sector: 'gulkarmat', dinas: 'Dinas Penanggulangan Kebakaran dan Penyelamatan' },
  { sector: 'ppkukm', dinas: 'Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah' },
];

interface Unit {
  id: string;
  name: string;
  kind: string;
  region_code: string;
  parent_id: string;
  sector: string;
  email: string;
}

interface Region {
  code: string;
  level: string;
  name: string;
  parent_code: string;
}

const unit = (u: Partial<Unit> & Pick<Unit, 'id' | 'name' | 'kind'>): Unit => ({
  region_code: PROVINCE_CODE,
  parent_id: '',
  sector: '',
  email: '',
  ...u,
});

const digits = (code: string): string => code.replaceAll('.', '');

// "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat"
const shortKotaName = (name: string): string => name.replace(/^(Kota|Kabupaten)( Administrasi)? /, '');

const isKabupaten = (region: Region): boolean => region.name.startsWith('Kabupaten');

const headOfKotaId = (kota: Region): string =>
  `${isKabupaten(kota) ? 'bupati' : 'walkot'}-${digits(kota.code)}`;

function provinceUnits(): Unit[] {
  return [
    unit({ id: 'pemprov', name: 'Pemerintah Provinsi DKI Jakarta (Sekretariat Daerah)', kind: 'pemda' }),
    unit({
      id: 'biro-pemerintahan',
      name: 'Biro Pemerintahan Sekretariat Daerah',
      kind: 'biro',
      parent_id: 'pemprov',
      sector: 'pemerintahan',
    }),
    unit({
      id: 'crm-triage',
      name: 'Meja Triase Operator CRM',
      kind: 'crm',
      parent_id: 'biro-pemerintahan',
    }),
    unit({
      id: 'inspektorat',
      name: 'Inspektorat Provinsi DKI Jakarta',
      kind: 'badan',
      parent_id: 'pemprov',
      sector: 'pengawasan',
    }),
    unit({
      id: 'bapenda',
      name: 'Badan Pendapatan Daerah',
      kind: 'badan',
      parent_id: 'pemprov',
      sector: 'pajak',
    }),
    unit({
      id: 'bpbd',
      name: 'Badan Penanggulangan Bencana Daerah',
      kind: 'badan',
      parent_id: 'pemprov',
      sector: 'bencana',
    }),
    // Kind dinas: at province level Satpol PP is a perangkat daerah like a Dinas, with units per kota.
    unit({
      id: 'satpolpp',
      name: 'Satuan Polisi Pamong Praja Provinsi DKI Jakarta',
      kind: 'dinas',
      parent_id: 'pemprov',
      sector: 'ketertiban',
    }),
    unit({
      id: 'dinas-perumahan',
      name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
      kind: 'dinas',
      parent_id: 'pemprov',
      sector: 'perumahan',
    }),
    ...SECTORS.map((s) =>
      unit({ id: `dinas-${s.sector}`, name: s.dinas, kind: 'dinas', parent_id: 'pemprov', sector: s.sector }),
    ),
    unit({
      id: 'up-jsc',
      name: 'Unit Pengelola Jakarta Smart City',
      kind: 'upt',
      parent_id: 'dinas-kominfotik',
      sector: 'kominfotik',
    }),
    unit({
      id: 'pam-jaya',
      name: 'Perumda Air Minum Jaya (PAM Jaya)',
      kind: 'bumd',
      parent_id: 'pemprov',
      sector: 'air-bersih',
    }),
    unit({
      id: 'transjakarta',
      name: 'PT Transportasi Jakarta (Transjakarta)',
      kind: 'bumd',
      parent_id: 'pemprov',
      sector: 'transportasi',
    }),
    // External bodies have no parent: the city cannot escalate inside them.
    unit({
      id: 'pln',
      name: 'PT PLN (Persero) UID Jakarta Raya',
      kind: 'external',
      sector: 'listrik',
    }),
    unit({
      id: 'bpn',
      name: 'Kantor Wilayah Badan Pertanahan Nasional DKI Jakarta',
      kind: 'external',
      sector: 'pertanahan',
    }),
    unit({
      id: 'polda-metro-jaya',
      name: 'Kepolisian Daerah Metro Jaya',
      kind: 'external',
      sector: 'kepolisian',
    }),
  ];
}

function kotaUnits(kota: Region): Unit[] {
  const short = shortKotaName(kota.name);
  const d = digits(kota.code);
  return [
    unit({
      id: headOfKotaId(kota),
      name: `${isKabupaten(kota) ? 'Kantor Bupati' : 'Kantor Wali Kota'} ${short}`,
      kind: 'walikota',
      region_code: kota.code,
      parent_id: 'pemprov',
    }),
    ...SECTORS.map((s) =>
      unit({
        id: `sudin-${s.sector}-${d}`,
        name: `Suku ${s.dinas} ${short}`,
        kind: 'suku_dinas',
        region_code: kota.code,
        parent_id: `dinas-${s.sector}`,
        sector: s.sector,
      }),
    ),
    unit({
      id: `satpolpp-${d}`,
      name: `Satuan Polisi Pamong Praja ${short}`,
      kind: 'satpol_pp',
      region_code: kota.code,
      parent_id: 'satpolpp',
      sector: 'ketertiban',
    }),
  ];
}

function kecamatanUnits(kec: Region, kota: Region): Unit[] {
  const d = digits(kec.code);
  return [
    unit({
      id: `kec-${d}`,
      name: `Kecamatan ${kec.name}`,
      kind: 'kecamatan',
      region_code: kec.code,
      parent_id: headOfKotaId(kota),
    }),
    unit({
      id: `satpolpp-kec-${d}`,
      name: `Satuan Polisi Pamong Praja Kecamatan ${kec.name}`,
      kind: 'satpol_pp',
      region_code: kec.code,
      parent_id: `satpolpp-${digits(kota.code)}`,
      sector: 'ketertiban',
    }),
    unit({
      id: `upppd-${d}`,
      name: `Unit Pelayanan Pemungutan Pajak Daerah Kecamatan ${kec.name}`,
      kind: 'upt',
      region_code: kec.code,
      parent_id: 'bapenda',
      sector: 'pajak',
    }),
  ];
}

const kelurahanUnit = (kel: Region): Unit =>
  unit({
    id: `kel-${digits(kel.code)}`,
    name: `Kelurahan ${kel.name}`,
    kind: 'kelurahan',
    region_code: kel.code,
    parent_id: `kec-${digits(kel.parent_code)}`,
  });

export function buildUnits(regions: Region[]): Unit[] {
  const childrenOf = (code: string): Region[] => regions.filter((r) => r.parent_code === code);
  const units = provinceUnits();
  for (const kota of childrenOf(PROVINCE_CODE)) {
    units.push(...kotaUnits(kota));
    for (const kec of childrenOf(kota.code)) {
      units.push(...kecamatanUnits(kec, kota));
      units.push(...childrenOf(kec.code).map(kelurahanUnit));
    }
  }
  return units;
}

const csvField = (value: string): string =>
  /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

function toCsv<T extends object>(columns: (keyof T & string)[], rows: T[]): string {
  const lines = rows.map((row) => columns.map((c) => csvField(String(row[c]))).join(','));
  return [columns.join(','), ...lines].join('\n') + '\n';
}

function readCsv<T>(file: string): T[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

// Extracts the province, its kota/kabupaten, kecamatan and kelurahan from idn-area-data's CSV files
// (read directly: the package's JavaScript API needs Node 22). Codes there are already dotted.
function extractRegions(): Region[] {
  const dataDir = join(dirname(fileURLToPath(import.meta.resolve('idn-area-data'))), '..', 'data');
  const read = (name: string) => readCsv<Record<string, string>>(join(dataDir, name));
  const inProvince = (code: string | undefined) =>
    code === PROVINCE_CODE || !!code?.startsWith(`${PROVINCE_CODE}.`);
  const province = read('provinces.csv').filter((r) => r.code === PROVINCE_CODE);
  const kota = read('regencies.csv').filter((r) => inProvince(r.code));
  const kecamatan = read('districts.csv').filter((r) => inProvince(r.code));
  const kelurahan = read('villages.csv').filter((r) => inProvince(r.code));
  const row = (level: string, parentKey: string) => (r: Record<string, string>) => ({
    code: r.code ?? '',
    level,
    name: r.name ?? '',
    parent_code: r[parentKey] ?? '',
  });
  return [
    ...province.map(row('provinsi', '')),
    ...kota.map(row('kota', 'province_code')),
    ...kecamatan.map(row('kecamatan', 'regency_code')),
    ...kelurahan.map(row('kelurahan', 'district_code')),
  ];
}

/** The text of units.csv for the regions in `regionsFile`. */
export function unitsCsv(regionsFile: string): string {
  const columns: (keyof Unit)[] = ['id', 'name', 'kind', 'region_code', 'parent_id', 'sector', 'email'];
  return toCsv<Unit>(columns, buildUnits(readCsv<Region>(regionsFile)));
}

function main(): void {
  const regionsFile = join(CITY_DIR, 'regions.csv');
  if (process.argv.includes('--regions')) {
    const regions = extractRegions();
    writeFileSync(regionsFile, toCsv<Region>(['code', 'level', 'name', 'parent_code'], regions));
    const count = (level: string) => regions.filter((r) => r.level === level).length;
    console.log(
      `regions.csv: ${count('kota')} kota/kabupaten, ${count('kecamatan')} kecamatan, ${count('kelurahan')} kelurahan`,
    );
  }
  const csv = unitsCsv(regionsFile);
  writeFileSync(join(CITY_DIR, 'units.csv'), csv);
  console.log(`units.csv: ${csv.trimEnd().split('\n').length - 1} units`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
