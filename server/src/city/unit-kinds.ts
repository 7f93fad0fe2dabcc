/** The kinds of office a unit can be (meaning of each in data/jakarta/README.md). */
export const UNIT_KINDS = [
  'pemda',
  'walikota',
  'kecamatan',
  'kelurahan',
  'dinas',
  'suku_dinas',
  'badan',
  'biro',
  'upt',
  'satpol_pp',
  'bumd',
  'external',
  'crm',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
