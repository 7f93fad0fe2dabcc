/**
 * Category model benchmark: texts classified per second on one core (against the text analysis alone, the
 * floor any classifier pays, in the same run), training time, and quality on every test set of the corpus,
 * which the model never sees in training: the short held-out lines (`holdout`), the realistic long letters
 * (`letters-holdout`), the harder realistic letters written before any tuning (`letters-hard`, the baseline that
 * tuning is judged against), letters written blind (`letters-blind`, by a writer who had seen neither the training
 * text nor the model), the letters kept for tuning (`letters-dev`, which also fit the letters' temperature)
 * and a synthetic harder variant of those (`letters-dev mixed`, see mixedLetters). Per set: top-1 and top-3
 * accuracy, the share routed without a person at the city's threshold and how often those are right, recall per
 * category, and the calibration curve; on every letter set, coverage and precision at other thresholds and the
 * most frequent confusions.
 *
 *   cd server && npm run bench:classify
 *
 * Env: SIGAP_CITY_DIR, SIGAP_CORPUS_DIR (defaults: the shipped Jakarta data and corpus), BENCH_SECONDS (1).
 */
import {
  CALIBRATION_PARTS,
  type CorpusPart,
  type LabelledText,
  readCorpusParts,
  TRAINING_PARTS,
} from '../server/src/classify/corpus.js';
import { type Evaluation, evaluate, type Prediction } from '../server/src/classify/evaluate.js';
import { trainFile } from '../server/src/classify/model-cache.js';
import { LinearModel } from '../server/src/classify/linear-model.js';
import { DEFAULT_CITY_DIR, loadCity } from '../server/src/city/load-city.js';
import { DEFAULT_CORPUS_DIR } from '../server/src/config.js';
import { classifierFor } from '../server/src/services/model/category-model.js';
import { mulberry32 } from '../server/src/domain/random.js';
import { asksForAction, sentencesOf } from '../server/src/classify/features.js';
import { analyse } from '../server/src/text/index.js';
import { measureRate, type Rate } from './lib/rate.js';
import { fixed, printTable } from './lib/table.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const TARGET_PER_SECOND = 20_000;
const TEST_PARTS: CorpusPart[] = [
  'holdout',
  'letters-holdout',
  'letters-hard',
  'letters-blind',
  'letters-dev',
];
// The dev letters fit the letters' temperature (never the weights), as at server start: their calibration figures
// are in-sample, their accuracy is not.

const city = await loadCity(process.env.SIGAP_CITY_DIR || DEFAULT_CITY_DIR);
const corpusDir = process.env.SIGAP_CORPUS_DIR || DEFAULT_CORPUS_DIR;
const codes = new Set(city.categories.keys());
const labels = [...codes];
const examples = await readCorpusParts(corpusDir, TRAINING_PARTS, codes);
const calibration = await readCorpusParts(corpusDir, CALIBRATION_PARTS, codes);
const sets = (
  await Promise.all(
    TEST_PARTS.map(async (part) => ({ part, texts: await readCorpusParts(corpusDir, [part], codes) })),
  )
).filter((s) => s.texts.length > 0);

// A harder, synthetic variant of the dev letters, for robustness: each letter gets up to three story sentences of
// another category's dev letter (no request among them) before its body, one word in eight of four letters or
// more misspelt (a letter dropped, swapped or doubled) and three letters in ten are in capitals. Seeded. It mimics
// the issue's "long story naming other problems before the point" and typos; it is built by the same authors as
// the features it tests, so it shows robustness to those two things, not accuracy on real letters.
function mixedLetters(letters: readonly LabelledText[]): LabelledText[] {
  const random = mulberry32(99);
  const typo = (w: string) => {
    if (w.length < 4 || random() > 0.12) return w;
    const i = 1 + Math.floor(random() * (w.length - 2));
    const r = random();
    if (r < 0.4) return w.slice(0, i) + w.slice(i + 1);
    if (r < 0.7) return w.slice(0, i) + w[i + 1]! + w[i]! + w.slice(i + 2);
    return w.slice(0, i) + w[i]! + w.slice(i);
  };
  const split = (text: string) => {
    const at = text.indexOf('\n');
    return at < 0 ? ['', text] : [text.slice(0, at), text.slice(at + 1)];
  };
  return letters.map((letter) => {
    let other: LabelledText;
    do other = letters[Math.floor(random() * letters.length)]!;
    while (other.category === letter.category);
    const [title, body] = split(letter.text);
    const story = sentencesOf(split(other.text)[1]!)
      .filter((s) => !asksForAction(s))
      .slice(0, 3)
      .join(' ');
    const text = `${title}\n${story} ${body}`.split(' ').map(typo).join(' ');
    return { ...letter, id: `mixed/${letter.id}`, text: random() < 0.3 ? text.toUpperCase() : text };
  });
}
const dev = sets.find((s) => s.part === 'letters-dev');
const allSets: { part: string; texts: LabelledText[] }[] = dev
  ? [...sets, { part: 'letters-dev mixed', texts: mixedLetters(dev.texts) }]
  : sets;

console.log('Sigap benchmark: the category model');
console.log(
  `  corpus ${corpusDir}: ${examples.length} training texts (${TRAINING_PARTS.join(' + ')}); ` +
    `test sets ${sets.map((s) => `${s.part} ${s.texts.length}`).join(', ')}`,
);

const trainingStarted = performance.now();
const file = trainFile(examples, labels, calibration);
const trainingSeconds = (performance.now() - trainingStarted) / 1000;
const classifier = classifierFor(city, LinearModel.fromFile(file), file);
console.log(
  `  trained in ${fixed(trainingSeconds, 1)} s (cold start; cross-validation folds for the temperature, then all): ` +
    `${file.features.length} features, temperature ${file.temperature} (letters ${file.letterTemperature}, ` +
    `fitted on the training letters' cross-validated predictions and ${calibration.length} dev letters)` +
    `${classifier.prior ? '; class priors from city.json' : ''}\n`,
);

const rate = (r: Rate) => Math.round(r.perSecond).toLocaleString('en-US');
const speeds = sets
  .filter((s) => s.part !== 'letters-dev')
  .map(({ part, texts }) => {
    const strings = texts.map((t) => t.text);
    const classify = measureRate((i) => classifier.classify(strings[i % strings.length]!), SECONDS);
    const analyseOnly = measureRate((i) => analyse(strings[i % strings.length]!), SECONDS);
    const length = Math.round(strings.reduce((sum, t) => sum + t.length, 0) / strings.length);
    return { part, length, classify, analyseOnly };
  });
console.log('Speed, one core\n');
printTable(
  ['texts', 'mean length', 'classify/s', 'per CPU-second', 'analyse only/s', 'ratio'],
  speeds.map((s) => [
    s.part,
    `${s.length} ch`,
    rate(s.classify),
    Math.round(s.classify.perCpuSecond).toLocaleString('en-US'),
    rate(s.analyseOnly),
    fixed(s.classify.perSecond / s.analyseOnly.perSecond, 2),
  ]),
);

const predict = (texts: readonly LabelledText[]): Prediction[] =>
  texts.map((t) => {
    const c = classifier.classify(t.text);
    return {
      expected: t.category,
      predicted: c.category,
      confidence: c.confidence,
      top3: c.top3.map((s) => s.category),
    };
  });
const results = allSets.map((s) => {
  const predictions = predict(s.texts);
  return { ...s, predictions, quality: evaluate(predictions, labels, classifier.minConfidence) };
});
const pct = (x: number | null) => (x === null ? '-' : `${fixed(x * 100, 1)}%`);
const column = (f: (e: Evaluation) => string) => results.map((r) => f(r.quality));

console.log('\nQuality on texts the model never trained on\n');
printTable(
  ['', ...results.map((r) => `${r.part} (${r.texts.length})`)],
  [
    ['accuracy (top 1)', ...column((q) => pct(q.accuracy))],
    ['accuracy (in top 3)', ...column((q) => pct(q.top3Accuracy))],
    ['macro-F1', ...column((q) => fixed(q.macroF1, 3))],
    [
      `routed automatically (confidence ≥ ${classifier.minConfidence})`,
      ...column((q) => pct(q.automatic.share)),
    ],
    ['… of which right', ...column((q) => pct(q.automatic.accuracy))],
    ['calibration error (ECE, 10 bins)', ...column((q) => fixed(q.calibrationError, 3))],
  ],
);

console.log('\nRecall per category (right/total)\n');
printTable(
  ['category', ...results.map((r) => r.part)],
  labels.map((category) => [
    category,
    ...results.map((r) => {
      const c = r.quality.perCategory.find((p) => p.category === category)!;
      return c.support ? `${Math.round(c.recall * c.support)}/${c.support}` : '-';
    }),
  ]),
);

for (const r of results) {
  console.log(`\nCalibration curve, ${r.part}: confidence bin → how often right\n`);
  printTable(
    ['confidence', 'texts', 'mean confidence', 'right'],
    r.quality.calibration.map((b) => [
      `${fixed(b.from, 1)}–${fixed(b.to, 1)}`,
      String(b.count),
      pct(b.meanConfidence),
      pct(b.accuracy),
    ]),
  );
}

for (const r of results.filter((x) => x.part.startsWith('letters'))) {
  console.log(`\nThe abstain rule on ${r.part}: coverage and precision at other thresholds\n`);
  printTable(
    ['threshold', 'routed automatically', '… of which right'],
    [0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => {
      const q = evaluate(r.predictions, labels, t).automatic;
      return [fixed(t, 2), pct(q.share), pct(q.accuracy)];
    }),
  );
  const confusions = r.predictions
    .filter((p) => p.expected !== p.predicted)
    .reduce(
      (m, p) => m.set(`${p.expected}→${p.predicted}`, (m.get(`${p.expected}→${p.predicted}`) ?? 0) + 1),
      new Map<string, number>(),
    );
  const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`\n  most frequent confusions: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

console.log('\nDesign target\n');
const short = speeds[0]!;
printTable(
  ['', 'target', 'measured', 'result'],
  [
    [
      `texts classified per second, one core (${short.part})`,
      `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')}`,
      rate(short.classify),
      short.classify.perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT MET',
    ],
  ],
);
