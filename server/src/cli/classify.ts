import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { Classifier } from '../classify/classifier.js';
import { evaluate } from '../classify/evaluate.js';
import { saveModelFile, trainFile } from '../classify/model-cache.js';
import { loadCity, DEFAULT_CITY_DIR } from '../city/load-city.js';
import type { City } from '../city/city-types.js';
import { type Config, modelDirOf } from '../config.js';
import { calibrationExamples, loadClassifier, trainingExamples } from '../services/model/category-model.js';
import { openStore } from '../store/database.js';
import { lineError, mapJsonLines, parseRecord } from './json-lines.js';
import { CommandError } from './messages.js';

/** One `{id, text}` line → `{id, category, confidence, top3}`, or an error line. */
export function classifyLine(classifier: Classifier, line: string): object {
  const parsed = parseRecord(line);
  if ('error' in parsed) return parsed;
  const { id, record } = parsed;
  if (typeof record.text !== 'string' || record.text.trim() === '')
    return lineError(id, 'missing_text', 'Setiap baris wajib punya "text"', 'Every line needs a "text"');
  const c = classifier.classify(record.text);
  return { id, category: c.category, confidence: c.confidence, top3: c.top3, sure: c.sure };
}

/** `sigap classify`: JSON lines on stdin → one classification per line on stdout, with the cached model. */
async function classifyStream(classifier: Classifier, input: Readable, output: Writable): Promise<void> {
  await mapJsonLines(input, output, (line) => classifyLine(classifier, line));
}

/**
 * `sigap classify --train`: trains on the corpus plus every officer's re-categorisation in the database and
 * caches the model in the data folder, where the server picks it up at its next start.
 */
async function train(config: Config, city: City, output: Writable): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    const examples = await trainingExamples(city, config.corpusDir, store.db);
    const started = Date.now();
    const file = trainFile(
      examples,
      [...city.categories.keys()],
      await calibrationExamples(city, config.corpusDir),
    );
    const saved = await saveModelFile(modelDirOf(config), file);
    const officer = examples.filter((e) => e.id.startsWith('officer/')).length;
    output.write(
      `Model dilatih / trained: ${examples.length} contoh/examples (${officer} dari petugas/from officers), ` +
        `${file.features.length} fitur/features, suhu/temperature ${file.temperature} ` +
        `(surat/letters ${file.letterTemperature ?? file.temperature}), ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s → ${saved}\n`,
    );
  } finally {
    await store.close();
  }
}

/**
 * `sigap classify --eval FILE`: JSON lines with `text` and `category` → accuracy, macro-F1, confusion matrix.
 * FILE is absolute here (a relative one was taken from where the command was run).
 */
function evaluateFile(
  classifier: Classifier,
  city: City,
  file: { name: string; content: string },
  output: Writable,
): void {
  const labels = [...city.categories.keys()];
  const predictions = [];
  const lines = file.content.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const parsed = parseRecord(line);
    const record = 'error' in parsed ? null : parsed.record;
    if (
      !record ||
      typeof record.text !== 'string' ||
      typeof record.category !== 'string' ||
      !labels.includes(record.category)
    )
      throw new CommandError({
        id: `${file.name}:${i + 1}: setiap baris butuh "id", "text" dan "category" yang dikenal`,
        en: `${file.name}:${i + 1}: every line needs "id", "text" and a known "category"`,
      });
    const c = classifier.classify(record.text);
    predictions.push({
      expected: record.category,
      predicted: c.category,
      confidence: c.confidence,
      top3: c.top3.map((t) => t.category),
    });
  }
  output.write(formatEvaluation(evaluate(predictions, labels, classifier.minConfidence)));
}

function formatEvaluation(e: ReturnType<typeof evaluate>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const used = e.perCategory.filter(
    (c) => c.support > 0 || Object.values(e.confusion).some((r) => (r[c.category] ?? 0) > 0),
  );
  const codes = used.map((c) => c.category);
  const width = Math.max(...codes.map((c) => c.length));
  const lines = [
    `examples ${e.count}  accuracy ${pct(e.accuracy)}  macro-F1 ${e.macroF1.toFixed(3)}  calibration error ${e.calibrationError.toFixed(3)}`,
    `automatic (confidence ≥ ${e.automatic.threshold}): ${pct(e.automatic.share)} of reports, ${pct(e.automatic.accuracy)} right; the rest go to triage`,
    `right category among the top 3: ${pct(e.top3Accuracy ?? 0)}`,
    '',
    'calibration: confidence bin, texts, mean confidence, right',
    ...e.calibration.map(
      (b) =>
        `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.count).padStart(5)}  ${pct(b.meanConfidence).padStart(6)}  ${pct(b.accuracy).padStart(6)}`,
    ),
    '',
    'per category: precision recall F1 support',
    ...e.perCategory
      .filter((c) => c.support > 0)
      .map(
        (c) =>
          `  ${c.category.padEnd(width)}  ${pct(c.precision).padStart(6)} ${pct(c.recall).padStart(6)} ${c.f1.toFixed(3)} ${c.support}`,
      ),
    '',
    'confusion matrix (rows: expected, columns: predicted, in the order of the rows)',
    ...codes.map(
      (expected) =>
        `  ${expected.padEnd(width)} ${codes.map((p) => String(e.confusion[expected]?.[p] ?? 0).padStart(3)).join('')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export async function classifyCommand(
  config: Config,
  options: { train?: boolean; eval?: string },
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  const city = await loadCity(config.cityDir ?? DEFAULT_CITY_DIR);
  if (options.train) return train(config, city, output);
  // Read before the model is loaded (which may mean training it), so a mistyped name fails at once.
  const evalFile =
    options.eval === undefined
      ? null
      : {
          name: options.eval,
          content: await readFile(options.eval, 'utf8').catch(() => {
            throw new CommandError({
              id: `Berkas ${options.eval} tidak dapat dibaca`,
              en: `The file ${options.eval} cannot be read`,
            });
          }),
        };
  // Both use the model cached in the data folder, trained from the corpus when there is none yet.
  const { classifier } = await loadClassifier(
    city,
    { corpusDir: config.corpusDir, modelDir: modelDirOf(config) },
    null,
  );
  if (evalFile) return evaluateFile(classifier, city, evalFile, output);
  return classifyStream(classifier, input, output);
}
