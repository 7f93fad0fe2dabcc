import { readFile } from 'node:fs/promises';
import type { OutsidePlace } from '../../server/src/city/find-outside.js';
import type { RegionMatch } from '../../server/src/city/find-region.js';

export type Expected =
  { kind: 'kelurahan'; code: string } | { kind: 'outside'; within: string } | { kind: 'none' };

export interface EvaluationText {
  expected: Expected;
  text: string;
}

/** fixtures/locate-texts.tsv: `<expected>\t<text>` lines (format in the file's header). */
export async function evaluationTexts(file: URL): Promise<EvaluationText[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [expected = '', text = ''] = line.split('\t');
      if (expected === '-') return { expected: { kind: 'none' }, text };
      if (expected.startsWith('luar:'))
        return { expected: { kind: 'outside', within: expected.slice(5) }, text };
      return { expected: { kind: 'kelurahan', code: expected }, text };
    });
}

export interface LocatingScore {
  cityTexts: number;
  /** Kelurahan answers (at or above the threshold) over all texts, and how many were the expected one. */
  cityAnswers: number;
  cityRight: number;
  outsideTexts: number;
  outsideAnswers: number;
  outsideRight: number;
  /** Outside answers on outside texts whose code lies in the expected province or regency. */
  outsideInRegion: number;
  /** The expected kelurahan, or no kelurahan for a text about elsewhere or naming none. */
  placedRight: number;
}

export function scoreLocating(
  texts: EvaluationText[],
  answers: { kelurahan: RegionMatch | null; outside: OutsidePlace | null }[],
  threshold: number,
): LocatingScore {
  const s: LocatingScore = {
    cityTexts: 0,
    cityAnswers: 0,
    cityRight: 0,
    outsideTexts: 0,
    outsideAnswers: 0,
    outsideRight: 0,
    outsideInRegion: 0,
    placedRight: 0,
  };
  texts.forEach(({ expected }, i) => {
    const answer = answers[i];
    const kelurahan = answer?.kelurahan && answer.kelurahan.confidence >= threshold ? answer.kelurahan : null;
    const outside = answer?.outside ?? null;
    if (kelurahan) s.cityAnswers++;
    if (outside) s.outsideAnswers++;
    if (expected.kind === 'kelurahan') {
      s.cityTexts++;
      if (kelurahan?.code === expected.code) s.cityRight++;
    } else if (expected.kind === 'outside') {
      s.outsideTexts++;
      if (outside) s.outsideRight++;
      const code = outside?.code;
      if (code && (code === expected.within || code.startsWith(`${expected.within}.`))) s.outsideInRegion++;
    }
    const right = expected.kind === 'kelurahan' ? kelurahan?.code === expected.code : kelurahan === null;
    if (right) s.placedRight++;
  });
  return s;
}
