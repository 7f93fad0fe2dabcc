/**
 * Category model benchmark: texts classified per second on one core (against the text analysis alone, the
 * floor any classifier pays, in the same run), training time, and quality on every test set of the corpus,
 * which the model never sees in training: the short held-out lines (`holdout`), the realistic long letters
 * (`letters-holdout`), the harder realistic letters written before any tuning (`letters-hard`, the baseline that
 * tuning is judged against) and the letters kept for tuning (`letters-dev`). Per set: top-1 and top-3 accuracy,
 * the share routed without a person at the city's threshold and how often those are right, recall per category,
 * and the calibration curve; on every letter set, coverage and precision at other thresholds and the most
 * frequent confusions.
 *
 *   cd server && npm run bench:classify
 *
 * Env: SIGAP_CITY_DIR, SIGAP_CORPUS_DIR (defaults: the shipped Jakarta data and corpus), BENCH_SECONDS (1).
 */
import { Classifier } from '../server/src/classify/classifier.js';
import {
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
import { analyse } from '../server/src/text/index.js';
import { measureRate, type Rate } from './lib/rate.js';
import { fixed, printTable } from './lib/table.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const TARGET_PER_SECOND = 20_000;
const TEST_PARTS: CorpusPart[] = ['holdout', 'letters-holdout', 'letters-hard', 'letters-dev'];

const city = await loadCity(process.env.SIGAP_CITY_DIR || DEFAULT_CITY_DIR);
const corpusDir = process.env.SIGAP_CORPUS_DIR || DEFAULT_CORPUS_DIR;
const codes = new Set(city.categories.keys());
const labels = [...codes];
const examples = await readCorpusParts(corpusDir, TRAINING_PARTS, codes);
const sets = (
  await Promise.all(
    TEST_PARTS.map(async (part) => ({ part, texts: await readCorpusParts(corpusDir, [part], codes) })),
  )
).filter((s) => s.texts.length > 0);

console.log('Sigap benchmark: the category model');
console.log(
  `  corpus ${corpusDir}: ${examples.length} training texts (${TRAINING_PARTS.join(' + ')}); ` +
    `test sets ${sets.map((s) => `${s.part} ${s.texts.length}`).join(', ')}`,
);

const trainingStarted = performance.now();
const file = trainFile(examples, labels);
const trainingSeconds = (performance.now() - trainingStarted) / 1000;
const classifier = new Classifier(
  LinearModel.fromFile(file),
  city.config.classification.minConfidence,
  file.fingerprint,
);
console.log(
  `  trained in ${fixed(trainingSeconds, 1)} s (cold start; cross-validation folds for the temperature, then all): ` +
    `${file.features.length} features, temperature ${file.temperature}\n`,
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
const results = sets.map((s) => {
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
