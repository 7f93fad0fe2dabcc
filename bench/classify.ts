/**
 * Category model benchmark: texts classified per second on one core (against the text analysis alone, the
 * floor any classifier pays, in the same run), training time, and quality on the held-out corpus files,
 * which the model never sees in training.
 *
 *   cd server && npm run bench:classify
 *
 * Env: SIGAP_CITY_DIR, SIGAP_CORPUS_DIR (defaults: the shipped Jakarta data and corpus), BENCH_SECONDS (1).
 */
import { Classifier } from '../server/src/classify/classifier.js';
import { readCorpus } from '../server/src/classify/corpus.js';
import { evaluate } from '../server/src/classify/evaluate.js';
import { trainFile } from '../server/src/classify/model-cache.js';
import { LinearModel } from '../server/src/classify/linear-model.js';
import { DEFAULT_CITY_DIR, loadCity } from '../server/src/city/load-city.js';
import { DEFAULT_CORPUS_DIR } from '../server/src/config.js';
import { analyse } from '../server/src/text/index.js';
import { measureRate, type Rate } from './lib/rate.js';
import { fixed, printTable } from './lib/table.js';

const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const TARGET_PER_SECOND = 20_000;

const city = await loadCity(process.env.SIGAP_CITY_DIR || DEFAULT_CITY_DIR);
const corpusDir = process.env.SIGAP_CORPUS_DIR || DEFAULT_CORPUS_DIR;
const codes = new Set(city.categories.keys());
const labels = [...codes];
const examples = await readCorpus(corpusDir, 'examples', codes);
const holdout = await readCorpus(corpusDir, 'holdout', codes);

console.log('Sigap benchmark: the category model');
console.log(`  corpus ${corpusDir}: ${examples.length} training examples, ${holdout.length} held out`);

const trainingStarted = performance.now();
const file = trainFile(examples, labels);
const trainingSeconds = (performance.now() - trainingStarted) / 1000;
const classifier = new Classifier(
  LinearModel.fromFile(file),
  city.config.classification.minConfidence,
  file.fingerprint,
);
console.log(
  `  trained in ${fixed(trainingSeconds, 1)} s (5 fits: 4 cross-validation folds for the temperature, then all): ` +
    `${file.features.length} features, temperature ${file.temperature}\n`,
);

const texts = holdout.map((h) => h.text);
const classify = measureRate((i) => classifier.classify(texts[i % texts.length]!), SECONDS);
const analyseOnly = measureRate((i) => analyse(texts[i % texts.length]!), SECONDS);
const averageLength = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
const rate = (r: Rate) => Math.round(r.perSecond).toLocaleString('en-US');
console.log(`Speed, one core (held-out texts, ${Math.round(averageLength)} characters on average)\n`);
printTable(
  ['', 'texts/s', 'per CPU-second', 'ratio'],
  [
    [
      'classify (analyse + features + model)',
      rate(classify),
      Math.round(classify.perCpuSecond).toLocaleString('en-US'),
      fixed(classify.perSecond / analyseOnly.perSecond, 2),
    ],
    [
      'baseline: analyse only',
      rate(analyseOnly),
      Math.round(analyseOnly.perCpuSecond).toLocaleString('en-US'),
      '1.00',
    ],
  ],
);

const predictions = holdout.map((h) => {
  const c = classifier.classify(h.text);
  return { expected: h.category, predicted: c.category, confidence: c.confidence };
});
const quality = evaluate(predictions, labels, classifier.minConfidence);
const pct = (x: number) => `${fixed(x * 100, 1)}%`;
console.log(
  `\nQuality on the held-out files (${quality.count} texts, written in other styles than the training files)\n`,
);
printTable(
  ['', 'value'],
  [
    ['accuracy (top 1)', pct(quality.accuracy)],
    [
      'accuracy (in top 3)',
      pct(
        holdout.filter((h) => classifier.classify(h.text).top3.some((t) => t.category === h.category))
          .length / holdout.length,
      ),
    ],
    ['macro-F1', fixed(quality.macroF1, 3)],
    [
      'baseline: always the largest category',
      pct(Math.max(...quality.perCategory.map((c) => c.support)) / quality.count),
    ],
    [`routed automatically (confidence ≥ ${classifier.minConfidence})`, pct(quality.automatic.share)],
    ['… of which right', pct(quality.automatic.accuracy)],
    ['calibration error (ECE, 10 bins)', fixed(quality.calibrationError, 3)],
  ],
);
const weakest = [...quality.perCategory].sort((a, b) => a.f1 - b.f1).slice(0, 5);
console.log(
  `\n  weakest categories (F1): ${weakest.map((c) => `${c.category} ${fixed(c.f1, 2)}`).join(', ')}`,
);

console.log('\nDesign target\n');
printTable(
  ['', 'target', 'measured', 'result'],
  [
    [
      'texts classified per second, one core',
      `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')}`,
      rate(classify),
      classify.perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT MET',
    ],
  ],
);
