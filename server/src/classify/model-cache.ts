import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledText } from './corpus.js';
import { featuresOf } from './features.js';
import { LinearModel, type ModelFile } from './linear-model.js';
import { type SourceFingerprint, sourceFingerprint } from './source-fingerprint.js';
import { DEFAULT_TRAINING, type TrainingDoc, trainModel } from './train.js';

const MODEL_FILE = 'category-model.json';

export const modelFilePath = (dir: string): string => path.join(dir, MODEL_FILE);

/** Examples written the way citizens write to the city: the corpus's letters and officers' re-labelled reports. */
export const isRealistic = (e: LabelledText): boolean =>
  e.id.startsWith('letters') || e.id.startsWith('officer/');

const docsOf = (examples: readonly LabelledText[]): TrainingDoc[] =>
  examples.map((e) => ({ features: featuresOf(e.text), label: e.category, realistic: isRealistic(e) }));

/** Where a model's weights come from besides its examples: the features and the training. */
const MODEL_CODE = [new URL('./features.js', import.meta.url), new URL('./train.js', import.meta.url)];

let modelCode: SourceFingerprint | null | undefined;

/**
 * The code a model is computed with: features.ts and train.ts and every file they reach (the normaliser, slang
 * table, stop words, stemmer fixes, the PRNG…), the stemmer package's version (its dictionary) and Node's
 * Unicode version; null when the sources cannot be read. Once per process, a few milliseconds.
 */
export function modelCodeFingerprint(): SourceFingerprint | null {
  if (modelCode === undefined) {
    try {
      modelCode = sourceFingerprint(MODEL_CODE);
    } catch {
      modelCode = null;
    }
  }
  return modelCode;
}

/** The training set as the model sees it (every example's label and features): exact, but analyses every text. */
function featureFingerprint(docs: readonly TrainingDoc[], labels: readonly string[]): string {
  const hash = createHash('sha256').update(labels.join(',')).update('\n');
  for (const d of docs) hash.update(`${d.label}\t${d.features.join('|')}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Identifies what a model would be trained from: the labels, every example's raw text and label in order, and
 * the code that turns texts into features and features into weights. A cached model is reused only when all of
 * them are unchanged, so a warm start reads the model file without analysing the corpus (stemming ~4,000 texts
 * took longer than loading the model). The code is fingerprinted by following the imports of features.ts and
 * train.ts rather than by a hand-bumped version constant, which would go stale silently the first time someone
 * edited a slang rule or a stem fix and forgot to bump it; a new module or word list is covered by itself.
 * Without readable sources (a bundled build), the features themselves are fingerprinted: slower, still exact.
 */
function fingerprintOf(
  examples: readonly LabelledText[],
  labels: readonly string[],
  calibration: readonly LabelledText[],
): string {
  const code = modelCodeFingerprint();
  if (!code)
    return featureFingerprint(
      [...docsOf(examples), ...docsOf(calibration).map((d) => ({ ...d, label: `calibration:${d.label}` }))],
      labels,
    );
  const hash = createHash('sha256').update(`sigap-model-inputs 3\n${code.hash}\n${JSON.stringify(labels)}\n`);
  for (const e of examples) hash.update(`${JSON.stringify([e.category, e.text, isRealistic(e)])}\n`);
  hash.update('calibration\n');
  for (const e of calibration) hash.update(`${JSON.stringify([e.category, e.text])}\n`);
  return hash.digest('hex').slice(0, 16);
}

function trainDocs(
  docs: readonly TrainingDoc[],
  labels: readonly string[],
  calibration: readonly TrainingDoc[],
  fingerprint: string,
): ModelFile {
  return trainModel(docs, labels, DEFAULT_TRAINING, calibration).toFile({
    trainedAt: new Date().toISOString(),
    fingerprint,
    examples: docs.length,
    labelCounts: labels.map((l) => docs.filter((d) => d.label === l).length),
  });
}

/**
 * Trains on `examples`; `calibration` (texts kept for tuning, e.g. the corpus's `letters-dev`) only sets the
 * temperature, see trainModel.
 */
export function trainFile(
  examples: readonly LabelledText[],
  labels: readonly string[],
  calibration: readonly LabelledText[] = [],
): ModelFile {
  return trainDocs(
    docsOf(examples),
    labels,
    docsOf(calibration),
    fingerprintOf(examples, labels, calibration),
  );
}

export async function readModelFile(file: string): Promise<ModelFile | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ModelFile;
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a model. */
export async function saveModelFile(dir: string, model: ModelFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = modelFilePath(dir);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(model), { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/**
 * The model for these examples: the one cached in `dir` when it was trained on exactly them with the current
 * code (no text is analysed then), else a newly trained one (a few seconds), which is then cached. `dir` null:
 * train, keep nothing.
 */
export async function loadOrTrain(
  dir: string | null,
  examples: readonly LabelledText[],
  labels: readonly string[],
  calibration: readonly LabelledText[] = [],
): Promise<{ model: LinearModel; file: ModelFile; trained: boolean }> {
  const fingerprint = fingerprintOf(examples, labels, calibration);
  const cached = dir ? await readModelFile(modelFilePath(dir)) : null;
  if (cached?.fingerprint === fingerprint)
    return { model: LinearModel.fromFile(cached), file: cached, trained: false };
  const file = trainDocs(docsOf(examples), labels, docsOf(calibration), fingerprint);
  if (dir) await saveModelFile(dir, file);
  return { model: LinearModel.fromFile(file), file, trained: true };
}
