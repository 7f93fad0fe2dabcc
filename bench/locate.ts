/**
 * Locating benchmark: GPS point → kelurahan (KelurahanLocator) against the turf-based locator it replaced,
 * and free complaint text → place (findPlace) against a naive fuzzy scan, on one core, in the same run; then
 * precision and recall of text → kelurahan / outside the city on the hand-written evaluation set
 * (fixtures/locate-texts.tsv).
 *
 *   cd server && npm run bench:locate
 *
 * Env: SIGAP_CITY_DIR (default data/jakarta), BENCH_SECONDS (minimum seconds per measurement, default 1).
 */
import os from 'node:os';
import { distance } from 'fastest-levenshtein';
import { addressTokens, SEPARATOR } from '../server/src/city/address-tokens.js';
import { findPlace } from '../server/src/city/find-place.js';
import { locateByName } from '../server/src/city/find-region.js';
import { ADDRESS_CONFIDENCE } from '../server/src/services/intake/placement.js';
import { evaluationTexts, scoreLocating } from './lib/locate-evaluation.js';
import { DEFAULT_CITY_DIR, loadCity } from '../server/src/city/load-city.js';
import { allowedDistance, placeIndex } from '../server/src/city/place-index.js';
import { regionChain } from '../server/src/city/regions.js';
import { interiorCandidates } from '../server/src/geo/interior-points.js';
import { KelurahanLocator } from '../server/src/geo/kelurahan-locator.js';
import { mulberry32 } from '../server/src/domain/random.js';
import { complaintTexts } from './lib/complaint-texts.js';
import { measureRate, type Rate } from './lib/rate.js';
import { fixed, printTable } from './lib/table.js';
import { turfLocator } from './lib/turf-locator.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const TARGET_GPS = 500_000;

/** Calls `run(i)` for i = 0, 1, 2 … until at least SECONDS have passed (after a short warm-up). */
const measure = (run: (i: number) => unknown): Rate => measureRate(run, SECONDS);

const perSecond = (r: Rate) => Math.round(r.perSecond).toLocaleString('en-US');
const ratio = (a: Rate, b: Rate) => `${fixed(a.perSecond / b.perSecond, 1)}×`;

const cityDir = process.env.SIGAP_CITY_DIR || DEFAULT_CITY_DIR;
const city = await loadCity(cityDir);
const built = performance.now();
const locator = KelurahanLocator.fromGeoJSON(city.boundaries.kelurahan);
const buildMs = performance.now() - built;
const baseline = turfLocator(city.boundaries.kelurahan);
const random = mulberry32(2026);

function points(count: number, [x0, y0, x1, y1]: number[]): Float64Array {
  const xy = new Float64Array(count * 2);
  for (let i = 0; i < xy.length; i += 2) {
    xy[i] = (x0 ?? 0) + random() * ((x1 ?? 0) - (x0 ?? 0));
    xy[i + 1] = (y0 ?? 0) + random() * ((y1 ?? 0) - (y0 ?? 0));
  }
  return xy;
}
const interior = Float64Array.from(
  city.boundaries.kelurahan.features.flatMap((f) => interiorCandidates(f.geometry).slice(0, 4).flat()),
);
const sets: [string, Float64Array][] = [
  ['random in the city bounding box (mostly sea)', points(1 << 20, city.config.bounds)],
  ['random on the mainland', points(1 << 20, [106.68, -6.38, 106.98, -6.08])],
  [`interior points (${interior.length / 2}, 4 per kelurahan)`, interior],
];

console.log(
  `Locating benchmark — ${city.config.name}, ${locator.size} kelurahan; ${os.cpus().length} cores,`,
);
console.log(
  `load average ${fixed(os.loadavg()[0] ?? 0, 1)} (rates per CPU second are steadier on a busy machine)`,
);
console.log(`\nGPS → kelurahan (grid built in ${fixed(buildMs, 0)} ms)\n`);
const rows: string[][] = [];
let slowest = Infinity;
for (const [name, xy] of sets) {
  const n = xy.length / 2;
  const fresh = measure((i) => {
    const k = (i % n) * 2;
    return locator.locate(xy[k + 1] ?? 0, xy[k] ?? 0);
  });
  const old = measure((i) => {
    const k = (i % n) * 2;
    return baseline(xy[k + 1] ?? 0, xy[k] ?? 0);
  });
  slowest = Math.min(slowest, fresh.perCpuSecond);
  rows.push([
    name,
    perSecond(fresh),
    perSecond(old),
    ratio(fresh, old),
    Math.round(fresh.perCpuSecond).toLocaleString('en-US'),
  ]);
}
printTable(['points', 'lookups/s', 'turf baseline/s', 'ratio', 'lookups per CPU s'], rows);
console.log(
  `\n  target ≥ ${TARGET_GPS.toLocaleString('en-US')} lookups/s on one core: ${slowest >= TARGET_GPS ? 'met' : 'NOT met'} (slowest set, per CPU second)`,
);

const texts = complaintTexts(city, 2000, random);
const misspellable = [...placeIndex(city).byKey.keys()].filter(
  (k) => allowedDistance(k.length) > 0 && k.length <= 20,
);
/** What the deletion index avoids: every span of up to four words against every name. */
function naiveScan(text: string): string | null {
  const tokens = addressTokens(text);
  let best: string | null = null;
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < tokens.length && end < start + 4 && tokens[end] !== SEPARATOR; end++) {
      key += tokens[end];
      for (const name of misspellable) {
        if (Math.abs(name.length - key.length) <= 2 && distance(key, name) <= allowedDistance(name.length))
          best = name;
      }
    }
  }
  return best;
}

console.log(`\nText → place (${texts.length} generated complaint texts)\n`);
const gazetteer = measure((i) => findPlace(city, texts[i % texts.length]?.text ?? ''));
const naive = measure((i) => naiveScan(texts[i % texts.length]?.text ?? ''));
printTable(
  ['matcher', 'texts/s', 'per CPU s'],
  [
    [
      'findPlace (exact + deletion-indexed fuzzy)',
      perSecond(gazetteer),
      Math.round(gazetteer.perCpuSecond).toLocaleString('en-US'),
    ],
    [
      'baseline: naive fuzzy scan, every span × every name',
      perSecond(naive),
      Math.round(naive.perCpuSecond).toLocaleString('en-US'),
    ],
  ],
);
console.log(`\n  findPlace is ${ratio(gazetteer, naive)} the naive scan`);

const outcome = { right: 0, coarser: 0, wrong: 0, missed: 0, none: 0, falsePlace: 0 };
for (const { text, expected } of texts) {
  const found = findPlace(city, text)?.code ?? null;
  if (expected === null) outcome[found === null ? 'none' : 'falsePlace']++;
  else if (found === expected) outcome.right++;
  else if (found === null) outcome.missed++;
  else outcome[regionChain(city, expected).some((r) => r.code === found) ? 'coarser' : 'wrong']++;
}
const withPlace = texts.length - outcome.none - outcome.falsePlace;
console.log(
  `  answers: of ${withPlace} texts naming a place, ${outcome.right} located as written, ${outcome.coarser} at a ` +
    `region containing it, ${outcome.wrong} elsewhere, ${outcome.missed} not found; ` +
    `${outcome.falsePlace} of ${outcome.none + outcome.falsePlace} texts without a place were given one`,
);

/** Precision and recall of one evaluation file at the thresholds placement uses. */
async function evaluate(file: string, what: string) {
  const evaluation = await evaluationTexts(new URL(`./fixtures/${file}`, import.meta.url));
  const answers = evaluation.map(({ text }) => locateByName(city, text));
  const count = (kind: string) => evaluation.filter((e) => e.expected.kind === kind).length;
  console.log(
    `\nText → kelurahan or outside the city: ${what} (fixtures/${file}, ${evaluation.length} texts: ` +
      `${count('kelurahan')} naming a kelurahan of the city, ${count('outside')} about a place outside it, ` +
      `${count('none')} naming no kelurahan)\n`,
  );
  const pct = (n: number, d: number) => (d === 0 ? '–' : `${fixed((100 * n) / d, 1)}% (${n}/${d})`);
  printTable(
    [
      'kelurahan trusted from',
      'city: precision',
      'city: recall',
      'outside: precision',
      'outside: recall',
      'placed right',
    ],
    (
      [
        ['any confidence', 0],
        [`≥ ${ADDRESS_CONFIDENCE.address} (address field)`, ADDRESS_CONFIDENCE.address],
        [`≥ ${ADDRESS_CONFIDENCE.text} (complaint text)`, ADDRESS_CONFIDENCE.text],
      ] as const
    ).map(([label, threshold]) => {
      const s = scoreLocating(evaluation, answers, threshold);
      return [
        label,
        pct(s.cityRight, s.cityAnswers),
        pct(s.cityRight, s.cityTexts),
        pct(s.outsideRight, s.outsideAnswers),
        pct(s.outsideRight, s.outsideTexts),
        pct(s.placedRight, evaluation.length),
      ];
    }),
  );
  const { outsideInRegion, outsideRight } = scoreLocating(evaluation, answers, 0);
  console.log(
    `\n  ${outsideInRegion} of ${outsideRight} outside answers name a place in the expected province or regency`,
  );
}

await evaluate('locate-texts.tsv', 'evaluation set written before the rules');
await evaluate('locate-texts-unseen.tsv', 'second set, written after the rules and not used to change them');
console.log(
  `\n  city precision: right kelurahan / kelurahan answers over all texts (an outside text given a kelurahan counts\n` +
    `  against it); city recall: right kelurahan / texts naming one; outside: texts answered "outside the city";\n` +
    `  placed right: the right kelurahan, or none for a text about elsewhere or naming none`,
);
