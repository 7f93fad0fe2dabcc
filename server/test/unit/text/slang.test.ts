import { describe, expect, it } from 'vitest';

import { expandSlang, SLANG_RULES, standardiseInformal } from '../../../src/text/index.js';
import { parseSlangCsv } from '../../../src/text/slang-table.js';

const words = (text: string) => text.split(' ');

describe('slang-id.csv', () => {
  it('loads at least 400 rules', () => {
    expect(SLANG_RULES.length).toBeGreaterThanOrEqual(400);
  });

  it('rejects a missing header, malformed rules and duplicates', () => {
    expect(() => parseSlangCsv('yg,yang\n')).toThrow(/header/);
    expect(() => parseSlangCsv('from,to,scope\nYg,yang\n')).toThrow(/line 2: malformed/);
    expect(() => parseSlangCsv('from,to,scope\nyg,yang,everywhere\n')).toThrow(/malformed/);
    expect(() => parseSlangCsv('from,to,scope\nyg,yang\n# again\nyg,yg\n')).toThrow(
      /already defined on line 2/,
    );
  });

  it('allows the same form with a different meaning per scope', () => {
    const rules = parseSlangCsv('# comment\nfrom,to,scope\npd,pada,text\npd,pondok,place\n');
    expect(rules.map((r) => [r.from, r.to, r.scope])).toEqual([
      [['pd'], ['pada'], 'text'],
      [['pd'], ['pondok'], 'place'],
    ]);
  });
});

describe('expandSlang', () => {
  it('maps common informal forms to standard words', () => {
    expect(expandSlang(words('yg gak tdk udh blm jln gg dgn bgt krn tlg org gw lg aja bs'))).toEqual(
      words('yang tidak tidak sudah belum jalan gang dengan banget karena tolong orang saya lagi saja bisa'),
    );
  });

  it('maps every spelling of "not" to tidak', () => {
    for (const w of ['ga', 'gak', 'gk', 'g', 'nggak', 'ngga', 'enggak', 'kagak', 'tdk']) {
      expect(expandSlang([w])).toEqual(['tidak']);
    }
    expect(expandSlang(['gaada'])).toEqual(['tidak', 'ada']);
  });

  it('maps domain variants onto one canonical token', () => {
    expect(expandSlang(words('trans jakarta'))).toEqual(['transjakarta']);
    expect(expandSlang(['tije'])).toEqual(['transjakarta']);
    expect(expandSlang(['tj'])).toEqual(['transjakarta']);
    expect(expandSlang(['busway'])).toEqual(['transjakarta']);
    expect(expandSlang(words('pedagang kaki lima'))).toEqual(['pkl']);
    expect(expandSlang(words('satpol pp'))).toEqual(['satpol']);
    expect(expandSlang(words('lampu jalan mati'))).toEqual(['pju', 'mati']);
    expect(expandSlang(['ektp'])).toEqual(['ktp']);
    expect(expandSlang(['pdam'])).toEqual(['pam']);
    expect(expandSlang(words('pemadam kebakaran'))).toEqual(['damkar']);
  });

  it('prefers the longest phrase', () => {
    expect(expandSlang(words('lampu penerangan jalan umum mati'))).toEqual(['pju', 'mati']);
    expect(expandSlang(words('lampu lalu lintas'))).toEqual(['lampu', 'lalulintas']);
    expect(expandSlang(words('lalu lintas'))).toEqual(['lalulintas']);
  });

  it('tells "mati lampu" (a blackout) from "lampu mati" (a dead lamp)', () => {
    expect(expandSlang(words('mati lampu'))).toEqual(['listrik', 'padam']);
    expect(expandSlang(words('lampu mati'))).toEqual(['lampu', 'mati']);
  });

  it('fixes common misspellings', () => {
    expect(expandSlang(words('sampa lobang bcor banjr mampet'))).toEqual(
      words('sampah lubang bocor banjir sumbat'),
    );
  });

  it('maps English words mixed into Indonesian, but never "asap" (smoke)', () => {
    expect(expandSlang(words('please fix broken street light flood garbage'))).toEqual(
      words('tolong perbaiki rusak pju banjir sampah'),
    );
    expect(expandSlang(words('asap pembakaran sampah'))).toEqual(words('asap pembakaran sampah'));
  });

  it('expands a slang word before a suffix', () => {
    expect(expandSlang(words('lobangnya jlnnya'))).toEqual(words('lubangnya jalannya'));
  });

  it('leaves known words alone', () => {
    expect(expandSlang(words('buku kamu jalan kali'))).toEqual(words('buku kamu jalan kali'));
  });

  it('reads address abbreviations differently for place matching', () => {
    expect(expandSlang(words('tj priok'), 'text')).toEqual(['tanjung', 'priok']);
    expect(expandSlang(words('tj priok tj pd labu kb jeruk g'), 'place')).toEqual(
      words('tanjung priok tanjung pondok labu kebon jeruk g'),
    );
    expect(expandSlang(words('pd hari itu'), 'text')).toEqual(words('pada hari itu'));
  });

  it('standardises Jakarta colloquial affixes of unknown words', () => {
    expect(expandSlang(words('numpuk diangkutin ngotorin'))).toEqual(words('tumpuk diangkut kotor'));
  });
});

describe('standardiseInformal', () => {
  it('drops -in and the nasal prefixes when that gives a known word', () => {
    expect(standardiseInformal('diangkutin')).toBe('diangkut');
    expect(standardiseInformal('ditutupin')).toBe('ditutup');
    expect(standardiseInformal('numpuk')).toBe('tumpuk');
    expect(standardiseInformal('nyapu')).toBe('sapu');
    expect(standardiseInformal('ngirim')).toBe('kirim');
    expect(standardiseInformal('nyumbat')).toBe('sumbat');
  });

  it('leaves known words and unknown names alone', () => {
    for (const word of ['angin', 'nyala', 'ingin', 'kevin', 'tengsin', 'ngetem']) {
      expect(standardiseInformal(word)).toBe(word);
    }
  });
});
