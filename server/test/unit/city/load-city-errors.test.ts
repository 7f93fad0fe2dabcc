import { afterEach, describe, expect, it } from 'vitest';
import { CityDataError } from '../../../src/city/city-data-error.js';
import { loadCity } from '../../../src/city/load-city.js';
import { copyOfJakarta } from './jakarta-city.js';

type Copy = Awaited<ReturnType<typeof copyOfJakarta>>;
// Every copy made in a test (some tests make two), removed from the temp folder after it.
const copies: Copy[] = [];

afterEach(async () => {
  for (const c of copies.splice(0)) await c.remove();
});

async function newCopy(): Promise<Copy> {
  const copy = await copyOfJakarta();
  copies.push(copy);
  return copy;
}

/** Loads a copy of the Jakarta folder after `edit` and returns the error it fails with. */
async function failureAfter(edit: (c: Copy) => Promise<void>): Promise<CityDataError> {
  const copy = await newCopy();
  await edit(copy);
  const error: unknown = await loadCity(copy.dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CityDataError);
  return error as CityDataError;
}

const replaceLine = (pattern: RegExp, line: string) => (text: string) => text.replace(pattern, line);

describe('loadCity on broken copies of the Jakarta folder', () => {
  it('rejects a routing rule for an unknown category, naming file and line', async () => {
    const error = await failureAfter((c) =>
      c.edit('routing.csv', (t) => t.replace('\njalan,*,', '\njalann,*,')),
    );
    expect(error.message).toMatch(/routing\.csv:6: unknown category "jalann"/);
    expect(error.line).toBe(6);
  });

  it('rejects a routing rule naming a unit that does not exist', async () => {
    const error = await failureAfter((c) =>
      c.edit('routing.csv', (t) => t.replace('*,pam-jaya', '*,pam-jayaa')),
    );
    expect(error.message).toMatch(/routing\.csv:\d+: unit "pam-jayaa" is not in units\.csv/);
  });

  it('rejects a malformed routing template', async () => {
    const error = await failureAfter((c) =>
      c.edit('routing.csv', (t) =>
        t.replace('jalan,*,suku_dinas:bina-marga@kota', 'jalan,*,sudin:bina-marga@kota'),
      ),
    );
    expect(error.message).toMatch(/routing\.csv:6: unit kind "sudin" is not one of/);
  });

  it('rejects routing that leaves a kelurahan without a handling unit', async () => {
    const error = await failureAfter((c) =>
      c.edit('units.csv', replaceLine(/\nsudin-gulkarmat-3173,[^\n]*/, '')),
    );
    expect(error.message).toMatch(/routing\.csv:\d+: category "kebakaran" in kelurahan 31\.73\.\d\d\.\d{4}/);
    expect(error.message).toContain('no suku_dinas:gulkarmat unit in 31.73');
  });

  it('rejects a category without any routing rule', async () => {
    const error = await failureAfter((c) => c.edit('routing.csv', replaceLine(/\numkm,\*,[^\n]*/, '')));
    expect(error.message).toMatch(
      /routing\.csv: category "umkm" in kelurahan .*: no rule for category "umkm"/,
    );
  });

  it('rejects a unit whose parent is missing', async () => {
    const error = await failureAfter((c) =>
      c.edit('units.csv', (t) =>
        t.replace(
          'kel-3171011001,Kelurahan Gambir,kelurahan,31.71.01.1001,kec-317101',
          'kel-3171011001,Kelurahan Gambir,kelurahan,31.71.01.1001,kec-999999',
        ),
      ),
    );
    expect(error.message).toMatch(
      /units\.csv:\d+: parent_id "kec-999999" of unit "kel-3171011001" does not exist/,
    );
  });

  it('rejects duplicate unit ids, naming both lines', async () => {
    const error = await failureAfter((c) => c.edit('units.csv', (t) => `${t}pln,Another PLN,external,,,,\n`));
    expect(error.message).toMatch(/units\.csv:518: duplicate unit id "pln" \(first on line \d+\)/);
  });

  it('rejects a parent cycle', async () => {
    const error = await failureAfter((c) =>
      c.edit('units.csv', (t) =>
        t.replace(
          'pemprov,Pemerintah Provinsi DKI Jakarta (Sekretariat Daerah),pemda,31,,',
          'pemprov,Pemerintah Provinsi DKI Jakarta (Sekretariat Daerah),pemda,31,biro-pemerintahan,',
        ),
      ),
    );
    expect(error.message).toMatch(/units\.csv:\d+: parent chain of ".*" loops/);
  });

  it('rejects an unknown unit kind', async () => {
    const error = await failureAfter((c) =>
      c.edit('units.csv', (t) =>
        t.replace(',Badan Pendapatan Daerah,badan,', ',Badan Pendapatan Daerah,agency,'),
      ),
    );
    expect(error.message).toMatch(/units\.csv:\d+: kind "agency" is not one of pemda, walikota/);
  });

  it('rejects a kelurahan without a polygon', async () => {
    const error = await failureAfter((c) =>
      c.edit('boundaries/kelurahan.geojson', (t) => {
        const fc = JSON.parse(t) as { features: { properties: { kode: string } }[] };
        fc.features = fc.features.filter((f) => f.properties.kode !== '31.71.01.1001');
        return JSON.stringify(fc);
      }),
    );
    expect(error.message).toMatch(
      /boundaries\/kelurahan\.geojson: no polygon for 1 kelurahan: 31\.71\.01\.1001 Gambir/,
    );
  });

  it('rejects a polygon for a code that is not a kelurahan', async () => {
    const error = await failureAfter((c) =>
      c.edit('boundaries/kelurahan.geojson', (t) =>
        t.replace('"kode":"31.71.01.1001"', '"kode":"31.71.01.1999"'),
      ),
    );
    expect(error.message).toMatch(
      /kelurahan\.geojson: feature #\d+: kode "31\.71\.01\.1999" is not a kelurahan/,
    );
  });

  it('rejects a date that does not exist', async () => {
    const error = await failureAfter((c) =>
      c.edit('holidays.csv', (t) => t.replace('2025-01-27,', '2025-02-30,')),
    );
    expect(error.message).toMatch(/holidays\.csv:6: date "2025-02-30" is not a valid YYYY-MM-DD date/);
  });

  it('rejects a date written another way', async () => {
    const error = await failureAfter((c) =>
      c.edit('holidays.csv', (t) => t.replace('2025-01-27,', '27/01/2025,')),
    );
    expect(error.message).toMatch(/holidays\.csv:6: date "27\/01\/2025"/);
  });

  it('rejects a category missing from sla.csv', async () => {
    const error = await failureAfter((c) => c.edit('sla.csv', replaceLine(/\njalan,8,40,working/, '')));
    expect(error.message).toMatch(/sla\.csv: no row for categories: jalan/);
  });

  it('rejects an SLA with an unknown clock', async () => {
    const error = await failureAfter((c) =>
      c.edit('sla.csv', (t) => t.replace('jalan,8,40,working', 'jalan,8,40,office')),
    );
    expect(error.message).toMatch(/sla\.csv:4: clock "office" is not one of working, calendar/);
  });

  it('rejects a duplicate category code', async () => {
    const error = await failureAfter((c) =>
      c.edit('categories.csv', (t) => `${t}jalan,Jalan lagi,Roads again,bina-marga,\n`),
    );
    expect(error.message).toMatch(/categories\.csv:32: duplicate category code "jalan" \(first on line 2\)/);
  });

  it('rejects a CSV header with a misspelt column', async () => {
    const error = await failureAfter((c) =>
      c.edit('sla.csv', (t) => t.replace('response_hours', 'respons_hours')),
    );
    expect(error.message).toMatch(
      /sla\.csv:3: header must be category,response_hours,completion_hours,clock/,
    );
  });

  it('rejects a region whose parent is on the wrong level', async () => {
    const error = await failureAfter((c) =>
      c.edit('regions.csv', (t) =>
        t.replace('31.71.01.1001,kelurahan,Gambir,31.71.01', '31.71.01.1001,kelurahan,Gambir,31.71'),
      ),
    );
    expect(error.message).toMatch(/regions\.csv:\d+: parent_code "31\.71" \(kota\) cannot contain kelurahan/);
  });

  it('rejects city.json pointing at a unit that does not exist', async () => {
    const error = await failureAfter((c) =>
      c.edit('city.json', (t) => t.replace('"crm-triage"', '"crm-desk"')),
    );
    expect(error.message).toMatch(/city\.json: \/triageUnitId "crm-desk" is not a unit in units\.csv/);
  });

  it('rejects city.json with a value of the wrong shape', async () => {
    const error = await failureAfter((c) =>
      c.edit('city.json', (t) => t.replace('"routingMode": "jakarta"', '"routingMode": "fast"')),
    );
    expect(error.message).toMatch(
      /city\.json: \/routingMode must be equal to one of the allowed values \(jakarta, direct\)/,
    );
  });

  it('rejects city.json that is not JSON', async () => {
    const error = await failureAfter((c) => c.edit('city.json', (t) => t.replace('{', '{,')));
    expect(error.message).toMatch(/city\.json: not valid JSON/);
  });

  it('names a missing file', async () => {
    const error = await failureAfter(async (c) => {
      const { rm } = await import('node:fs/promises');
      await rm(`${c.dir}/units.csv`);
    });
    expect(error.message).toMatch(/units\.csv: file is missing/);
  });

  it('rejects a landmark whose code is not a kelurahan or kecamatan', async () => {
    const error = await failureAfter((c) =>
      c.edit('landmarks.csv', (t) => t.replace('Monas,31.71.01.1001', 'Monas,31.71.01.9999')),
    );
    expect(error.message).toMatch(
      /landmarks\.csv:\d+: code "31\.71\.01\.9999" is not a kelurahan or kecamatan in regions\.csv/,
    );
    const kota = await failureAfter((c) =>
      c.edit('landmarks.csv', (t) => t.replace('Monas,31.71.01.1001', 'Monas,31.71')),
    );
    expect(kota.message).toMatch(/code "31\.71" is not a kelurahan or kecamatan/);
  });

  it('rejects a landmark listed twice, however it is spelt', async () => {
    const error = await failureAfter((c) => c.edit('landmarks.csv', (t) => `${t}MONAS,31.71.01.1001\n`));
    expect(error.message).toMatch(/landmarks\.csv:\d+: duplicate landmark "monas" \(first on line \d+\)/);
  });

  it('accepts a folder without landmarks.csv', async () => {
    const copy = await newCopy();
    const { rm } = await import('node:fs/promises');
    await rm(`${copy.dir}/landmarks.csv`);
    expect((await loadCity(copy.dir)).landmarks).toEqual([]);
  });
});
